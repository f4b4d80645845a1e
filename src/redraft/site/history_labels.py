"""The interface words of a guideline's history (on its living page) and of the party pages, in
the six languages.

Kept beside :mod:`redraft.site.labels` (which merges them into its tables), as
:mod:`redraft.site.comment_labels` is.  The English words are those the main tree has always
shown, so that its pages stay as they were.  What a party sent is never translated here: it is
shown as received, in its language, and the page says so in the tree's.

Counts avoid grammatical number outside English ("Замечаний: 3", "Observations : 3"): one
form reads right for every count in every language, where "3 замечания" / "5 замечаний" would
need CLDR's plural rules for each word.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

HISTORY_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": {
            "group_guideline": "Guideline {number}. {title}",
            "group_part": "Part {number}. {title}",
            "what_changed": "{changes}.",
            "today": "Today",
            "passage_anchored": "The passage is still in {place} of the {version}.",
            "passage_moved": "The passage is now in {place} of the {version}.",
            "passage_changed": (
                "The passage is reworded; the closest wording is in {place} of the {version}."
            ),
            "passage_orphaned": "The passage is no longer in the text of the {version}.",
            "placed_by": "Placed there by {name} on {date}.",
            "place_guideline": "guideline {number}",
            "place_paragraph": "guideline {number}, paragraph {label}",
            "place_note": "guideline {number}, explanatory note, paragraph {paragraph}",
            "place_in_language": "{place} ({language})",
            "trace_summary": "The change in the {version}",
            "numbers_heading": "Number in each version",
            "lineage": "Lineage",
            "history": "History",
            "compare_whole_versions": "Compare the whole versions",
            "no_change": "No change.",
            "addressed_in_version": "Comments the secretariat addressed in this version: {links}.",
            "no_comments_on_guideline": "No comments were received on this guideline.",
            "inherited_comments": "Comments on the guidelines it was formed from",
            "comments_on_version": "On the {version} (note verbale of {date})",
            "parties": "Parties",
            "parties_lead": (
                "The parties whose replies to the calls for comments are published here, with "
                "what the secretariat decided on their comments."
            ),
            "no_reply_published": "No reply has been published yet.",
            "party_type_state": "State party",
            "party_type_observer": "Observer",
            "party_code": "code",
            "reply_on": "On",
            "received": "Received",
            "reply_to": "Reply to {reference}",
            "reply_shown": "Reply {reply}",
            "what_became": "What became of the comments",
            "reply_on_version": "Reply on the {version}",
            "reply_on_version_nv": "Reply on the {version} (note verbale {reference})",
            "reference": "Reference",
            "language": "Language",
            "visibility": "Visibility",
            "restricted_internal": "restricted: internal builds only",
            "count_comment_one": "{count} comment",
            "count_comment_other": "{count} comments",
            "as_received": "Text as received ({language})",
            "as_received_translated": "Text as received, with a translation",
            "as_received_in": "As received, in {language} (the text of record)",
            "translation_into": (
                "Translation into {language}; for information, not the text of record"
            ),
            "translation_into_by": (
                "Translation into {language}, by {name}; for information, not the text of record"
            ),
            "comment_translation": "Translation into {language}, for information:",
            "paragraph_link": "Link to this paragraph",
        },
        "zh": {
            "group_guideline": "准则{number}：{title}",
            "group_part": "第{number}部分：{title}",
            "what_changed": "{changes}。",
            "today": "现状",
            "passage_anchored": "该段文字仍在{version}的{place}。",
            "passage_moved": "该段文字现位于{version}的{place}。",
            "passage_changed": "该段文字已改写；最接近的措辞见{version}的{place}。",
            "passage_orphaned": "{version}的案文中已没有该段文字。",
            "placed_by": "由{name}于{date}确定此位置。",
            "place_guideline": "准则{number}",
            "place_paragraph": "准则{number}第{label}段",
            "place_note": "准则{number}解释性说明第{paragraph}段",
            "place_in_language": "{place}（{language}）",
            "trace_summary": "{version}中的改动",
            "numbers_heading": "各版本中的编号",
            "lineage": "沿革",
            "history": "修订历程",
            "compare_whole_versions": "比较整个版本",
            "no_change": "无改动。",
            "addressed_in_version": "秘书处在本版本中处理的意见：{links}。",
            "no_comments_on_guideline": "未收到关于这条准则的意见。",
            "inherited_comments": "关于构成本准则的各条准则的意见",
            "comments_on_version": "关于{version}（{date}普通照会）",
            "parties": "缔约方",
            "parties_lead": (
                "在此公布其对征求意见照会所作答复的缔约方，以及秘书处对其意见的处理结果。"
            ),
            "no_reply_published": "尚未公布任何答复。",
            "party_type_state": "缔约国",
            "party_type_observer": "观察员",
            "party_code": "代码",
            "reply_on": "针对",
            "received": "收到日期",
            "reply_to": "对{reference}的答复",
            "reply_shown": "答复{reply}",
            "what_became": "意见的处理结果",
            "reply_on_version": "关于{version}的答复",
            "reply_on_version_nv": "关于{version}的答复（普通照会{reference}）",
            "reference": "文号",
            "language": "语文",
            "visibility": "可见范围",
            "restricted_internal": "限制性：仅见于内部版本",
            "count_comment_one": "意见：{count}条",
            "count_comment_other": "意见：{count}条",
            "as_received": "收到的原文（{language}）",
            "as_received_translated": "收到的原文及译文",
            "as_received_in": "收到的{language}原文（作为记录的文本）",
            "translation_into": "{language}译文；仅供参考，不作为记录的文本",
            "translation_into_by": "{language}译文，译者：{name}；仅供参考，不作为记录的文本",
            "comment_translation": "{language}译文，仅供参考：",
            "paragraph_link": "链接到本段",
        },
        "fr": {
            "group_guideline": "Ligne directrice {number}. {title}",
            "group_part": "Partie {number}. {title}",
            "what_changed": "{changes}.",
            "today": "Aujourd'hui",
            "passage_anchored": "Le passage figure toujours dans {version}, {place}.",
            "passage_moved": "Le passage se trouve désormais dans {version}, {place}.",
            "passage_changed": (
                "Le passage a été reformulé ; le libellé le plus proche se trouve dans "
                "{version}, {place}."
            ),
            "passage_orphaned": "Le passage ne figure plus dans le texte de {version}.",
            "placed_by": "Placé là par {name} le {date}.",
            "place_guideline": "ligne directrice {number}",
            "place_paragraph": "ligne directrice {number}, paragraphe {label}",
            "place_note": "ligne directrice {number}, note explicative, paragraphe {paragraph}",
            "place_in_language": "{place} ({language})",
            "trace_summary": "La modification dans {version}",
            "numbers_heading": "Numéro dans chaque version",
            "lineage": "Filiation",
            "history": "Historique",
            "compare_whole_versions": "Comparer les versions entières",
            "no_change": "Aucune modification.",
            "addressed_in_version": (
                "Observations dont le secrétariat a tenu compte dans cette version : {links}."
            ),
            "no_comments_on_guideline": (
                "Aucune observation n'a été reçue sur cette ligne directrice."
            ),
            "inherited_comments": "Observations sur les lignes directrices dont elle est issue",
            "comments_on_version": "Sur le document {version} (note verbale du {date})",
            "parties": "Parties",
            "parties_lead": (
                "Les parties dont les réponses aux demandes d'observations sont publiées ici, "
                "avec la suite que le secrétariat a donnée à leurs observations."
            ),
            "no_reply_published": "Aucune réponse n'a encore été publiée.",
            "party_type_state": "État partie",
            "party_type_observer": "Observateur",
            "party_code": "code",
            "reply_on": "Sur",
            "received": "Reçue le",
            "reply_to": "Réponse à la note {reference}",
            "reply_shown": "Réponse {reply}",
            "what_became": "Suite donnée aux observations",
            "reply_on_version": "Réponse sur le document {version}",
            "reply_on_version_nv": "Réponse sur le document {version} (note verbale {reference})",
            "reference": "Référence",
            "language": "Langue",
            "visibility": "Visibilité",
            "restricted_internal": "restreinte : versions internes seulement",
            "count_comment_one": "Observations : {count}",
            "count_comment_other": "Observations : {count}",
            "as_received": "Texte tel que reçu ({language})",
            "as_received_translated": "Texte tel que reçu, avec une traduction",
            "as_received_in": "Tel que reçu, en {language} (le texte qui fait foi)",
            "translation_into": (
                "Traduction en {language} ; pour information, ce n'est pas le texte qui fait foi"
            ),
            "translation_into_by": (
                "Traduction en {language}, par {name} ; pour information, ce n'est pas le texte "
                "qui fait foi"
            ),
            "comment_translation": "Traduction en {language}, pour information :",
            "paragraph_link": "Lien vers ce paragraphe",
        },
        "es": {
            "group_guideline": "Directriz {number}. {title}",
            "group_part": "Parte {number}. {title}",
            "what_changed": "{changes}.",
            "today": "Hoy",
            "passage_anchored": "El pasaje sigue en {version}, {place}.",
            "passage_moved": "El pasaje está ahora en {version}, {place}.",
            "passage_changed": (
                "El pasaje se ha reformulado; la redacción más próxima está en {version}, {place}."
            ),
            "passage_orphaned": "El pasaje ya no figura en el texto de {version}.",
            "placed_by": "Ubicado allí por {name} el {date}.",
            "place_guideline": "directriz {number}",
            "place_paragraph": "directriz {number}, párrafo {label}",
            "place_note": "directriz {number}, nota explicativa, párrafo {paragraph}",
            "place_in_language": "{place} ({language})",
            "trace_summary": "El cambio en {version}",
            "numbers_heading": "Número en cada versión",
            "lineage": "Filiación",
            "history": "Historial",
            "compare_whole_versions": "Comparar las versiones completas",
            "no_change": "Sin cambios.",
            "addressed_in_version": (
                "Observaciones que la secretaría atendió en esta versión: {links}."
            ),
            "no_comments_on_guideline": "No se recibieron observaciones sobre esta directriz.",
            "inherited_comments": "Observaciones sobre las directrices de las que procede",
            "comments_on_version": "Sobre el documento {version} (nota verbal de {date})",
            "parties": "Partes",
            "parties_lead": (
                "Las partes cuyas respuestas a las solicitudes de observaciones se publican aquí, "
                "con lo que la secretaría decidió sobre sus observaciones."
            ),
            "no_reply_published": "Todavía no se ha publicado ninguna respuesta.",
            "party_type_state": "Estado parte",
            "party_type_observer": "Observador",
            "party_code": "código",
            "reply_on": "Sobre",
            "received": "Recibida",
            "reply_to": "Respuesta a la nota {reference}",
            "reply_shown": "Respuesta {reply}",
            "what_became": "Qué se decidió sobre las observaciones",
            "reply_on_version": "Respuesta sobre el documento {version}",
            "reply_on_version_nv": (
                "Respuesta sobre el documento {version} (nota verbal {reference})"
            ),
            "reference": "Referencia",
            "language": "Idioma",
            "visibility": "Visibilidad",
            "restricted_internal": "restringida: solo versiones internas",
            "count_comment_one": "Observaciones: {count}",
            "count_comment_other": "Observaciones: {count}",
            "as_received": "Texto tal como se recibió ({language})",
            "as_received_translated": "Texto tal como se recibió, con una traducción",
            "as_received_in": "Tal como se recibió, en {language} (el texto que consta)",
            "translation_into": (
                "Traducción al {language}; a título informativo, no es el texto que consta"
            ),
            "translation_into_by": (
                "Traducción al {language}, por {name}; a título informativo, no es el texto "
                "que consta"
            ),
            "comment_translation": "Traducción al {language}, a título informativo:",
            "paragraph_link": "Enlace a este párrafo",
        },
        "ru": {
            "group_guideline": "Руководящий принцип {number}. {title}",
            "group_part": "Часть {number}. {title}",
            "what_changed": "{changes}.",
            "today": "Сейчас",
            "passage_anchored": (
                "Этот фрагмент по-прежнему находится в документе {version}: {place}."
            ),
            "passage_moved": "Этот фрагмент теперь находится в документе {version}: {place}.",
            "passage_changed": (
                "Этот фрагмент изменен; наиболее близкая формулировка — в документе {version}: "
                "{place}."
            ),
            "passage_orphaned": "Этого фрагмента больше нет в тексте документа {version}.",
            "placed_by": "Место указано: {name}, {date}.",
            "place_guideline": "руководящий принцип {number}",
            "place_paragraph": "руководящий принцип {number}, пункт {label}",
            "place_note": "руководящий принцип {number}, пояснительная записка, пункт {paragraph}",
            "place_in_language": "{place} ({language})",
            "trace_summary": "Изменение в документе {version}",
            "numbers_heading": "Номер в каждой версии",
            "lineage": "Происхождение",
            "history": "История",
            "compare_whole_versions": "Сравнить версии целиком",
            "no_change": "Без изменений.",
            "addressed_in_version": "Замечания, учтенные секретариатом в этой версии: {links}.",
            "no_comments_on_guideline": "Замечаний по этому руководящему принципу не поступало.",
            "inherited_comments": "Замечания по принципам, из которых он сформирован",
            "comments_on_version": "По документу {version} (вербальная нота от {date})",
            "parties": "Участники",
            "parties_lead": (
                "Участники, ответы которых на просьбы представить замечания опубликованы здесь, "
                "и решения секретариата по их замечаниям."
            ),
            "no_reply_published": "Ответы пока не опубликованы.",
            "party_type_state": "Государство-участник",
            "party_type_observer": "Наблюдатель",
            "party_code": "код",
            "reply_on": "По документу",
            "received": "Получен",
            "reply_to": "Ответ на ноту {reference}",
            "reply_shown": "Ответ {reply}",
            "what_became": "Решения по замечаниям",
            "reply_on_version": "Ответ по документу {version}",
            "reply_on_version_nv": "Ответ по документу {version} (вербальная нота {reference})",
            "reference": "Исходящий номер",
            "language": "Язык",
            "visibility": "Доступ",
            "restricted_internal": "ограниченный: только внутренние сборки",
            "count_comment_one": "Замечаний: {count}",
            "count_comment_other": "Замечаний: {count}",
            "as_received": "Текст в полученном виде ({language})",
            "as_received_translated": "Текст в полученном виде и перевод",
            "as_received_in": "В полученном виде, {language} (официальный текст)",
            "translation_into": (
                "Перевод ({language}); для информации, не является официальным текстом"
            ),
            "translation_into_by": (
                "Перевод ({language}), выполнил(а) {name}; для информации, не является "
                "официальным текстом"
            ),
            "comment_translation": "Перевод ({language}), для информации:",
            "paragraph_link": "Ссылка на этот пункт",
        },
        "ar": {
            "group_guideline": "المبدأ التوجيهي {number}. {title}",
            "group_part": "الجزء {number}. {title}",
            "what_changed": "{changes}.",
            "today": "الآن",
            "passage_anchored": "لا يزال المقطع في {place} من {version}.",
            "passage_moved": "أصبح المقطع الآن في {place} من {version}.",
            "passage_changed": "أُعيدت صياغة المقطع؛ وأقرب صياغة إليه في {place} من {version}.",
            "passage_orphaned": "لم يعد المقطع موجوداً في نص {version}.",
            "placed_by": "حدّد {name} هذا الموضع في {date}.",
            "place_guideline": "المبدأ التوجيهي {number}",
            "place_paragraph": "المبدأ التوجيهي {number}، الفقرة {label}",
            "place_note": "المبدأ التوجيهي {number}، المذكرة التفسيرية، الفقرة {paragraph}",
            "place_in_language": "{place} ({language})",
            "trace_summary": "التغيير في {version}",
            "numbers_heading": "الرقم في كل نسخة",
            "lineage": "الأصل",
            "history": "التاريخ",
            "compare_whole_versions": "مقارنة النسختين بكاملهما",
            "no_change": "لا تغيير.",
            "addressed_in_version": "التعليقات التي تناولتها الأمانة في هذه النسخة: {links}.",
            "no_comments_on_guideline": "لم ترد أي تعليقات على هذا المبدأ التوجيهي.",
            "inherited_comments": "التعليقات على المبادئ التوجيهية التي تشكَّل منها",
            "comments_on_version": "بشأن الوثيقة {version} (المذكرة الشفوية المؤرخة {date})",
            "parties": "الأطراف",
            "parties_lead": (
                "الأطراف التي تُنشر هنا ردودها على طلبات التعليقات، مع ما قررته الأمانة بشأن "
                "تعليقاتها."
            ),
            "no_reply_published": "لم يُنشر أي رد بعد.",
            "party_type_state": "دولة طرف",
            "party_type_observer": "مراقب",
            "party_code": "الرمز",
            "reply_on": "بشأن",
            "received": "تاريخ الورود",
            "reply_to": "الرد على المذكرة {reference}",
            "reply_shown": "الرد {reply}",
            "what_became": "ما تقرر بشأن التعليقات",
            "reply_on_version": "الرد بشأن الوثيقة {version}",
            "reply_on_version_nv": "الرد بشأن الوثيقة {version} (المذكرة الشفوية {reference})",
            "reference": "المرجع",
            "language": "اللغة",
            "visibility": "الإتاحة",
            "restricted_internal": "مقيَّدة: في النسخ الداخلية فقط",
            "count_comment_one": "عدد التعليقات: {count}",
            "count_comment_other": "عدد التعليقات: {count}",
            "as_received": "النص كما ورد ({language})",
            "as_received_translated": "النص كما ورد، مع ترجمة",
            "as_received_in": "كما ورد، باللغة {language} (النص المعتمد)",
            "translation_into": "ترجمة إلى {language}؛ للعلم، وليست النص المعتمد",
            "translation_into_by": (
                "ترجمة إلى {language}، قام بها {name}؛ للعلم، وليست النص المعتمد"
            ),
            "comment_translation": "ترجمة إلى {language}، للعلم:",
            "paragraph_link": "رابط إلى هذه الفقرة",
        },
    }
)
