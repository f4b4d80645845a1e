"""The words of the site's own interface, per language tree.

Material translates its chrome (search box, navigation, footer) from ``theme.language``; these are
the words Redraft writes into pages.  English is complete.  The six languages of the United Nations
have every word a language tree uses (versions, guidelines, notes); a word a translation lacks
falls back to English rather than leaving a gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..model import ENGLISH_NAMES

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ar": "العربية",
        "zh": "中文",
        "en": "English",
        "fr": "Français",
        "ru": "Русский",
        "es": "Español",
    }
)
"""Each language's name in itself, for the language switcher."""

EN: Mapping[str, str] = MappingProxyType(
    {
        "home": "Home",
        "versions": "Versions",
        "version": "Version",
        "guidelines": "Guidelines",
        "guideline": "Guideline",
        "working_draft": "Working draft",
        "symbol": "Symbol",
        "date": "Date",
        "meeting": "Meeting",
        "status": "Status",
        "status_draft": "working draft, not an official document",
        "status_released": "released",
        "status_adopted": "adopted",
        "introduction": "Introduction",
        "contents": "Contents",
        "part": "Part",
        "explanatory_note": "Explanatory note",
        "number": "No.",
        "title": "Title",
        "whole_version": "The whole version",
        "living_page": "This guideline through every version, with its comments",
        "in_other_versions": "In other versions",
        "not_in_version": "not in this version",
        "previous": "Previous",
        "next": "Next",
        "untranslated": (
            "This guideline has not been translated into {language} in this version; "
            "the original text is shown."
        ),
        "untranslated_title": "Not translated",
        "original_language": "Read in the original language",
        "translations": "Translations",
        "current_text": "Current text",
        "in_version": "As it stands in {version}",
        "deleted_in": "This guideline is not in the {version}.",
        "internal": "Internal build",
        "internal_text": (
            "This page comes from an internal build that includes restricted submissions. "
            "Do not publish or forward it."
        ),
        "illustrative": "Illustrative submissions",
        "more_in_original": "History, redlines and comments",
        "languages": "Languages",
        "latest": "Latest",
    }
)

TRANSLATIONS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "zh": MappingProxyType(
            {
                "home": "首页",
                "versions": "各版本",
                "version": "版本",
                "guidelines": "准则",
                "guideline": "准则",
                "working_draft": "工作草案",
                "symbol": "文号",
                "date": "日期",
                "meeting": "会议",
                "status": "状态",
                "status_draft": "工作草案，非正式文件",
                "status_released": "已发布",
                "status_adopted": "已通过",
                "introduction": "导言",
                "contents": "目录",
                "part": "部分",
                "explanatory_note": "解释性说明",
                "number": "编号",
                "title": "标题",
                "whole_version": "整个版本",
                "living_page": "本准则在各版本中的情况及所收到的意见",
                "in_other_versions": "在其他版本中",
                "not_in_version": "本版本中没有",
                "previous": "上一条",
                "next": "下一条",
                "untranslated": "本版本中的这条准则尚未译成{language}，以下为原文。",
                "untranslated_title": "未翻译",
                "original_language": "阅读原文",
                "translations": "译文",
                "current_text": "现行案文",
                "in_version": "{version}中的案文",
                "deleted_in": "{version}中没有这条准则。",
                "internal": "内部版本",
                "internal_text": "本页来自包含限制性提交材料的内部版本，请勿发布或转发。",
                "illustrative": "说明性提交材料",
                "more_in_original": "沿革、修订对照和意见",
                "languages": "语言",
                "latest": "最新",
            }
        ),
        "fr": MappingProxyType(
            {
                "home": "Accueil",
                "versions": "Versions",
                "version": "Version",
                "guidelines": "Lignes directrices",
                "guideline": "Ligne directrice",
                "working_draft": "Projet de travail",
                "symbol": "Cote",
                "date": "Date",
                "meeting": "Réunion",
                "status": "Statut",
                "status_draft": "projet de travail, non officiel",
                "status_released": "publiée",
                "status_adopted": "adoptée",
                "introduction": "Introduction",
                "contents": "Table des matières",
                "part": "Partie",
                "explanatory_note": "Note explicative",
                "number": "No",
                "title": "Titre",
                "whole_version": "La version entière",
                "living_page": (
                    "Cette ligne directrice dans toutes les versions, avec ses commentaires"
                ),
                "in_other_versions": "Dans les autres versions",
                "not_in_version": "absente de cette version",
                "previous": "Précédente",
                "next": "Suivante",
                "untranslated": (
                    "Cette ligne directrice n'a pas été traduite en {language} dans cette "
                    "version ; le texte original est reproduit."
                ),
                "untranslated_title": "Non traduite",
                "original_language": "Lire dans la langue originale",
                "translations": "Traductions",
                "current_text": "Texte actuel",
                "in_version": "Texte dans {version}",
                "deleted_in": "Cette ligne directrice ne figure pas dans {version}.",
                "internal": "Version interne",
                "internal_text": (
                    "Cette page provient d'une version interne qui comprend des contributions "
                    "restreintes. Ne pas la publier ni la transmettre."
                ),
                "illustrative": "Contributions fictives",
                "more_in_original": "Historique, versions comparées et commentaires",
                "languages": "Langues",
                "latest": "Dernière",
            }
        ),
        "es": MappingProxyType(
            {
                "home": "Inicio",
                "versions": "Versiones",
                "version": "Versión",
                "guidelines": "Directrices",
                "guideline": "Directriz",
                "working_draft": "Borrador de trabajo",
                "symbol": "Signatura",
                "date": "Fecha",
                "meeting": "Reunión",
                "status": "Estado",
                "status_draft": "borrador de trabajo, no es un documento oficial",
                "status_released": "publicada",
                "status_adopted": "aprobada",
                "introduction": "Introducción",
                "contents": "Índice",
                "part": "Parte",
                "explanatory_note": "Nota explicativa",
                "number": "N.º",
                "title": "Título",
                "whole_version": "La versión completa",
                "living_page": "Esta directriz en todas las versiones, con sus comentarios",
                "in_other_versions": "En otras versiones",
                "not_in_version": "no figura en esta versión",
                "previous": "Anterior",
                "next": "Siguiente",
                "untranslated": (
                    "Esta directriz no se ha traducido al {language} en esta versión; se "
                    "reproduce el texto original."
                ),
                "untranslated_title": "Sin traducir",
                "original_language": "Leer en el idioma original",
                "translations": "Traducciones",
                "current_text": "Texto actual",
                "in_version": "Texto en {version}",
                "deleted_in": "Esta directriz no figura en {version}.",
                "internal": "Versión interna",
                "internal_text": (
                    "Esta página procede de una versión interna que incluye comunicaciones "
                    "restringidas. No la publique ni la reenvíe."
                ),
                "illustrative": "Comunicaciones ilustrativas",
                "more_in_original": "Historia, comparaciones y comentarios",
                "languages": "Idiomas",
                "latest": "Última",
            }
        ),
        "ru": MappingProxyType(
            {
                "home": "Главная",
                "versions": "Версии",
                "version": "Версия",
                "guidelines": "Руководящие принципы",
                "guideline": "Принцип",
                "working_draft": "Рабочий проект",
                "symbol": "Условное обозначение",
                "date": "Дата",
                "meeting": "Совещание",
                "status": "Статус",
                "status_draft": "рабочий проект, не является официальным документом",
                "status_released": "опубликована",
                "status_adopted": "принята",
                "introduction": "Введение",
                "contents": "Содержание",
                "part": "Часть",
                "explanatory_note": "Пояснительная записка",
                "number": "№",
                "title": "Название",
                "whole_version": "Вся версия",
                "living_page": "Этот принцип во всех версиях и замечания к нему",
                "in_other_versions": "В других версиях",
                "not_in_version": "отсутствует в этой версии",
                "previous": "Предыдущий",
                "next": "Следующий",
                "untranslated": (
                    "Этот принцип в данной версии не переведён на {language}; приводится "
                    "оригинальный текст."
                ),
                "untranslated_title": "Не переведено",
                "original_language": "Читать на языке оригинала",
                "translations": "Переводы",
                "current_text": "Действующий текст",
                "in_version": "Текст в {version}",
                "deleted_in": "Этот принцип отсутствует в {version}.",
                "internal": "Внутренняя версия",
                "internal_text": (
                    "Эта страница взята из внутренней версии, включающей материалы "
                    "ограниченного доступа. Не публикуйте и не пересылайте её."
                ),
                "illustrative": "Условные материалы",
                "more_in_original": "История, сравнение версий и замечания",
                "languages": "Языки",
                "latest": "Последняя",
            }
        ),
        "ar": MappingProxyType(
            {
                "home": "الصفحة الرئيسية",
                "versions": "الصيغ",
                "version": "الصيغة",
                "guidelines": "المبادئ التوجيهية",
                "guideline": "المبدأ التوجيهي",
                "working_draft": "مشروع العمل",
                "symbol": "الرمز",
                "date": "التاريخ",
                "meeting": "الاجتماع",
                "status": "الحالة",
                "status_draft": "مشروع عمل، ليس وثيقة رسمية",
                "status_released": "صادرة",
                "status_adopted": "معتمدة",
                "introduction": "مقدمة",
                "contents": "المحتويات",
                "part": "الجزء",
                "explanatory_note": "مذكرة تفسيرية",
                "number": "الرقم",
                "title": "العنوان",
                "whole_version": "الصيغة كاملة",
                "living_page": "هذا المبدأ التوجيهي في جميع الصيغ، مع التعليقات عليه",
                "in_other_versions": "في الصيغ الأخرى",
                "not_in_version": "غير موجود في هذه الصيغة",
                "previous": "السابق",
                "next": "التالي",
                "untranslated": (
                    "لم يُترجم هذا المبدأ التوجيهي إلى {language} في هذه الصيغة؛ ويرد النص الأصلي."
                ),
                "untranslated_title": "غير مترجم",
                "original_language": "اقرأ باللغة الأصلية",
                "translations": "الترجمات",
                "current_text": "النص الحالي",
                "in_version": "النص في {version}",
                "deleted_in": "هذا المبدأ التوجيهي غير موجود في {version}.",
                "internal": "نسخة داخلية",
                "internal_text": (
                    "هذه الصفحة من نسخة داخلية تتضمن مساهمات مقيدة. لا تنشرها ولا تعيد إرسالها."
                ),
                "illustrative": "مساهمات توضيحية",
                "more_in_original": "التاريخ والمقارنات والتعليقات",
                "languages": "اللغات",
                "latest": "الأحدث",
            }
        ),
    }
)

LANGUAGE_IN: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": ENGLISH_NAMES,
        "zh": MappingProxyType(
            {
                "ar": "阿拉伯文",
                "zh": "中文",
                "en": "英文",
                "fr": "法文",
                "ru": "俄文",
                "es": "西班牙文",
            }
        ),
        "fr": MappingProxyType(
            {
                "ar": "arabe",
                "zh": "chinois",
                "en": "anglais",
                "fr": "français",
                "ru": "russe",
                "es": "espagnol",
            }
        ),
        "es": MappingProxyType(
            {
                "ar": "árabe",
                "zh": "chino",
                "en": "inglés",
                "fr": "francés",
                "ru": "ruso",
                "es": "español",
            }
        ),
        "ru": MappingProxyType(
            {
                "ar": "арабский язык",
                "zh": "китайский язык",
                "en": "английский язык",
                "fr": "французский язык",
                "ru": "русский язык",
                "es": "испанский язык",
            }
        ),
        "ar": MappingProxyType(
            {
                "ar": "العربية",
                "zh": "الصينية",
                "en": "الإنكليزية",
                "fr": "الفرنسية",
                "ru": "الروسية",
                "es": "الإسبانية",
            }
        ),
    }
)
"""The name of each language as written in a sentence of another."""


class Labels:
    """The interface words for one language tree, falling back to English word by word."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._words = TRANSLATIONS.get(language, {})

    def __getitem__(self, key: str) -> str:
        return self._words.get(key) or EN[key]

    def format(self, key: str, **values: str) -> str:
        return self[key].format(**values)

    def language_name(self, language: str) -> str:
        """``language`` named as a sentence in this tree's language would name it."""
        names = LANGUAGE_IN.get(self.language, ENGLISH_NAMES)
        return names.get(language) or ENGLISH_NAMES.get(language) or language
