"""The interface words of the comments, statistics and call pages, in the six languages.

Kept beside :mod:`redraft.site.labels` (which merges them into its tables), as
:mod:`redraft.site.record_labels` is: the words of one family of pages sit together, and
:mod:`tests.test_labels` checks them like every other word.  The comments themselves are never
translated here: they are shown in the language each State sent them in, marked as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

COMMENT_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": {
            "stats": "Statistics",
            "stats_none": "No comment has been published yet.",
            "stats_summary": "{comments} comments in {replies} replies.",
            "stats_summary_public": (
                "{comments} comments in {replies} replies (published replies only)."
            ),
            "per_guideline": "Comments per guideline",
            "per_guideline_chart": "Comments per guideline, by disposition",
            "per_guideline_most": (
                "Comments per guideline, by disposition (the {count} most commented)"
            ),
            "per_party": "Comments per party",
            "per_party_chart": "Comments per party, by disposition",
            "per_party_most": (
                "Comments per party, by disposition (the {count} that commented most)"
            ),
            "dispositions": "Dispositions",
            "dispositions_chart": "Comments by disposition",
            "comment_types": "Types of comment",
            "replies_over_time": "Replies over time",
            "replies_per_month": "Replies received per month",
            "replies_per_call": "Replies per call",
            "replies_per_call_chart": "Replies per note verbale",
            "as_table": "The figures as a table",
            "highest": "Highest",
            "total": "Total",
            "party": "Party",
            "comments": "Comments",
            "share": "Share",
            "type": "Type",
            "month": "Month",
            "replies": "Replies",
            "note_verbale": "Note verbale",
            "issued": "Issued",
            "deadline": "Deadline",
            "disposition": "Disposition",
            "disposition_pending": "Pending",
            "disposition_accepted": "Accepted",
            "disposition_partially-accepted": "Partially accepted",
            "disposition_not-accepted": "Not accepted",
            "disposition_noted": "Noted",
            "type_general": "General",
            "type_technical": "Technical",
            "type_editorial": "Editorial",
            "comments_title": "Comments and dispositions",
            "comments_lead": "{count} comments, with what the secretariat decided on each.",
            "comments_where": "Each guideline's page and each party's page show the same comments.",
            "comments_original": (
                "Each comment is shown in the language in which it was sent; the guidelines' "
                "pages, the parties' pages and the secretariat's reasons are on the site in the "
                "original language."
            ),
            "comment": "Comment",
            "paragraph_short": "Para.",
            "text": "Text",
            "rationale": "Rationale",
            "addressed_in": "Addressed in",
            "filter_all": "All",
            "filter_count": "{shown} of {total} comments",
            "filter_label": "Filter the comments",
            "proposed": "Proposed",
            "general_comments": "General comments",
            "general_on": "On {subject}",
            "all_comments": "All comments",
            "on_the_guidelines": "On the guidelines",
            "subject_document": "the whole document",
            "subject_introduction": "the introduction",
            "subject_part": "part {number} ({title})",
            "cell_general": "General",
            "cell_part": "Part {number}",
            "card_on": "on {version}",
            "card_paragraph": "paragraph {label}",
            "card_in": "in {version}",
            "proposed_wording": "Proposed wording:",
            "on_the_words": "On the words “{quote}”",
            "comments_by_call": (
                "{count} comments, with what the secretariat decided on each, listed by the note "
                "verbale that invited them, {size} to a page."
            ),
            "commented_version": "On",
            "pages": "Pages",
            "pages_line": "Pages: {pager}",
            "comments_on_call": "Comments on note verbale {reference}",
            "page_of": "{title} ({number} of {count})",
        },
        "zh": {
            "stats": "统计",
            "stats_none": "尚未公布任何意见。",
            "stats_summary": "{replies}份答复中共有{comments}条意见。",
            "stats_summary_public": "{replies}份答复中共有{comments}条意见（仅限已公布的答复）。",
            "per_guideline": "各条准则收到的意见",
            "per_guideline_chart": "各条准则收到的意见，按处理结果分列",
            "per_guideline_most": "各条准则收到的意见，按处理结果分列（意见最多的{count}条）",
            "per_party": "各方提出的意见",
            "per_party_chart": "各方提出的意见，按处理结果分列",
            "per_party_most": "各方提出的意见，按处理结果分列（意见最多的{count}方）",
            "dispositions": "处理结果",
            "dispositions_chart": "意见的处理结果",
            "comment_types": "意见类型",
            "replies_over_time": "答复的时间分布",
            "replies_per_month": "每月收到的答复",
            "replies_per_call": "每次征求意见收到的答复",
            "replies_per_call_chart": "每份普通照会收到的答复",
            "as_table": "以表格列出的数字",
            "highest": "最多",
            "total": "合计",
            "party": "缔约方",
            "comments": "意见",
            "share": "比例",
            "type": "类型",
            "month": "月份",
            "replies": "答复",
            "note_verbale": "普通照会",
            "issued": "发出日期",
            "deadline": "截止日期",
            "disposition": "处理结果",
            "disposition_pending": "待定",
            "disposition_accepted": "采纳",
            "disposition_partially-accepted": "部分采纳",
            "disposition_not-accepted": "未采纳",
            "disposition_noted": "已注意到",
            "type_general": "一般性",
            "type_technical": "技术性",
            "type_editorial": "编辑性",
            "comments_title": "意见及其处理结果",
            "comments_lead": "共{count}条意见，以及秘书处对每条意见的处理决定。",
            "comments_where": "每条准则的页面和每个缔约方的页面也列有相同的意见。",
            "comments_original": (
                "每条意见均以其提交时所用的语文显示；准则页面、缔约方页面和秘书处的理由"
                "以原文载于网站。"
            ),
            "comment": "意见",
            "paragraph_short": "段",
            "text": "案文",
            "rationale": "理由",
            "addressed_in": "处理于",
            "filter_all": "全部",
            "filter_count": "{total}条意见中的{shown}条",
            "filter_label": "筛选意见",
            "proposed": "建议措辞",
            "general_comments": "一般性意见",
            "general_on": "关于{subject}",
            "all_comments": "全部意见",
            "on_the_guidelines": "关于各条准则的意见",
            "subject_document": "整个文件",
            "subject_introduction": "导言",
            "subject_part": "第{number}部分（{title}）",
            "cell_general": "一般性",
            "cell_part": "第{number}部分",
            "card_on": "针对{version}",
            "card_paragraph": "{label}段",
            "card_in": "见{version}",
            "proposed_wording": "建议措辞：",
            "on_the_words": "关于“{quote}”一语",
            "comments_by_call": (
                "共{count}条意见，以及秘书处对每条意见的处理决定，"
                "按征求意见的普通照会分列，每页{size}条。"
            ),
            "commented_version": "所涉版本",
            "pages": "页数",
            "pages_line": "页：{pager}",
            "comments_on_call": "就普通照会{reference}提出的意见",
            "page_of": "{title}（第{number}页，共{count}页）",
        },
        "fr": {
            "stats": "Statistiques",
            "stats_none": "Aucune observation n'a encore été publiée.",
            "stats_summary": "{comments} observations dans {replies} réponses.",
            "stats_summary_public": (
                "{comments} observations dans {replies} réponses (réponses publiées uniquement)."
            ),
            "per_guideline": "Observations par ligne directrice",
            "per_guideline_chart": "Observations par ligne directrice, selon la suite donnée",
            "per_guideline_most": (
                "Observations par ligne directrice, selon la suite donnée (les {count} plus "
                "commentées)"
            ),
            "per_party": "Observations par partie",
            "per_party_chart": "Observations par partie, selon la suite donnée",
            "per_party_most": (
                "Observations par partie, selon la suite donnée (les {count} parties les plus "
                "actives)"
            ),
            "dispositions": "Suite donnée",
            "dispositions_chart": "Observations selon la suite donnée",
            "comment_types": "Types d'observation",
            "replies_over_time": "Réponses dans le temps",
            "replies_per_month": "Réponses reçues par mois",
            "replies_per_call": "Réponses par demande d'observations",
            "replies_per_call_chart": "Réponses par note verbale",
            "as_table": "Les chiffres sous forme de tableau",
            "highest": "Les plus élevés",
            "total": "Total",
            "party": "Partie",
            "comments": "Observations",
            "share": "Part",
            "type": "Type",
            "month": "Mois",
            "replies": "Réponses",
            "note_verbale": "Note verbale",
            "issued": "Date d'envoi",
            "deadline": "Date limite",
            "disposition": "Suite donnée",
            "disposition_pending": "En attente",
            "disposition_accepted": "Acceptée",
            "disposition_partially-accepted": "Partiellement acceptée",
            "disposition_not-accepted": "Non acceptée",
            "disposition_noted": "Prise en note",
            "type_general": "Générale",
            "type_technical": "Technique",
            "type_editorial": "Rédactionnelle",
            "comments_title": "Observations et suite donnée",
            "comments_lead": (
                "{count} observations, avec la suite que le secrétariat a donnée à chacune."
            ),
            "comments_where": (
                "La page de chaque ligne directrice et celle de chaque partie présentent les "
                "mêmes observations."
            ),
            "comments_original": (
                "Chaque observation est présentée dans la langue dans laquelle elle a été "
                "envoyée ; les pages des lignes directrices, celles des parties et les motifs du "
                "secrétariat figurent sur le site dans la langue originale."
            ),
            "comment": "Observation",
            "paragraph_short": "Par.",
            "text": "Texte",
            "rationale": "Motifs",
            "addressed_in": "Traitée dans",
            "filter_all": "Toutes",
            "filter_count": "{shown} observations sur {total}",
            "filter_label": "Filtrer les observations",
            "proposed": "Libellé proposé",
            "general_comments": "Observations générales",
            "general_on": "Sur {subject}",
            "all_comments": "Toutes les observations",
            "on_the_guidelines": "Sur les lignes directrices",
            "subject_document": "l'ensemble du document",
            "subject_introduction": "l'introduction",
            "subject_part": "la partie {number} ({title})",
            "cell_general": "Générale",
            "cell_part": "Partie {number}",
            "card_on": "sur le document {version}",
            "card_paragraph": "alinéa {label}",
            "card_in": "dans le document {version}",
            "proposed_wording": "Libellé proposé :",
            "on_the_words": "Sur les mots « {quote} »",
            "comments_by_call": (
                "{count} observations, avec la suite que le secrétariat a donnée à chacune, "
                "classées selon la note verbale qui les a sollicitées, {size} par page."
            ),
            "commented_version": "Sur",
            "pages": "Pages",
            "pages_line": "Pages : {pager}",
            "comments_on_call": "Observations reçues en réponse à la note verbale {reference}",
            "page_of": "{title} ({number} sur {count})",
        },
        "es": {
            "stats": "Estadísticas",
            "stats_none": "Todavía no se ha publicado ninguna observación.",
            "stats_summary": "{comments} observaciones en {replies} respuestas.",
            "stats_summary_public": (
                "{comments} observaciones en {replies} respuestas (solo respuestas publicadas)."
            ),
            "per_guideline": "Observaciones por directriz",
            "per_guideline_chart": "Observaciones por directriz, según la decisión adoptada",
            "per_guideline_most": (
                "Observaciones por directriz, según la decisión adoptada (las {count} más "
                "comentadas)"
            ),
            "per_party": "Observaciones por parte",
            "per_party_chart": "Observaciones por parte, según la decisión adoptada",
            "per_party_most": (
                "Observaciones por parte, según la decisión adoptada (las {count} partes que más "
                "comentaron)"
            ),
            "dispositions": "Decisiones",
            "dispositions_chart": "Observaciones según la decisión adoptada",
            "comment_types": "Tipos de observación",
            "replies_over_time": "Respuestas a lo largo del tiempo",
            "replies_per_month": "Respuestas recibidas por mes",
            "replies_per_call": "Respuestas por solicitud de observaciones",
            "replies_per_call_chart": "Respuestas por nota verbal",
            "as_table": "Las cifras en forma de cuadro",
            "highest": "Los valores más altos",
            "total": "Total",
            "party": "Parte",
            "comments": "Observaciones",
            "share": "Proporción",
            "type": "Tipo",
            "month": "Mes",
            "replies": "Respuestas",
            "note_verbale": "Nota verbal",
            "issued": "Fecha de envío",
            "deadline": "Plazo",
            "disposition": "Decisión",
            "disposition_pending": "Pendiente",
            "disposition_accepted": "Aceptada",
            "disposition_partially-accepted": "Aceptada en parte",
            "disposition_not-accepted": "No aceptada",
            "disposition_noted": "Se toma nota",
            "type_general": "General",
            "type_technical": "Técnica",
            "type_editorial": "De redacción",
            "comments_title": "Observaciones y decisiones",
            "comments_lead": (
                "{count} observaciones, con la decisión que adoptó la secretaría sobre cada una."
            ),
            "comments_where": (
                "La página de cada directriz y la de cada parte muestran las mismas observaciones."
            ),
            "comments_original": (
                "Cada observación se muestra en el idioma en que se envió; las páginas de las "
                "directrices, las de las partes y los motivos de la secretaría figuran en el "
                "sitio en el idioma original."
            ),
            "comment": "Observación",
            "paragraph_short": "Párr.",
            "text": "Texto",
            "rationale": "Motivos",
            "addressed_in": "Tratada en",
            "filter_all": "Todas",
            "filter_count": "{shown} de {total} observaciones",
            "filter_label": "Filtrar las observaciones",
            "proposed": "Texto propuesto",
            "general_comments": "Observaciones generales",
            "general_on": "Sobre {subject}",
            "all_comments": "Todas las observaciones",
            "on_the_guidelines": "Sobre las directrices",
            "subject_document": "el documento en su conjunto",
            "subject_introduction": "la introducción",
            "subject_part": "la parte {number} ({title})",
            "cell_general": "General",
            "cell_part": "Parte {number}",
            "card_on": "sobre el documento {version}",
            "card_paragraph": "apartado {label}",
            "card_in": "en el documento {version}",
            "proposed_wording": "Texto propuesto:",
            "on_the_words": "Sobre las palabras «{quote}»",
            "comments_by_call": (
                "{count} observaciones, con la decisión de la secretaría sobre cada una, "
                "ordenadas según la nota verbal que las solicitó, {size} por página."
            ),
            "commented_version": "Sobre",
            "pages": "Páginas",
            "pages_line": "Páginas: {pager}",
            "comments_on_call": "Observaciones sobre la nota verbal {reference}",
            "page_of": "{title} ({number} de {count})",
        },
        "ru": {
            "stats": "Статистика",
            "stats_none": "Замечания еще не опубликованы.",
            "stats_summary": "Замечаний: {comments}; ответов: {replies}.",
            "stats_summary_public": (
                "Замечаний: {comments}; ответов: {replies} (только опубликованные ответы)."
            ),
            "per_guideline": "Замечания по руководящим принципам",
            "per_guideline_chart": "Замечания по руководящим принципам с разбивкой по решениям",
            "per_guideline_most": (
                "Замечания по руководящим принципам с разбивкой по решениям (принципы, "
                "получившие больше всего замечаний: {count})"
            ),
            "per_party": "Замечания по участникам",
            "per_party_chart": "Замечания по участникам с разбивкой по решениям",
            "per_party_most": (
                "Замечания по участникам с разбивкой по решениям (участники, представившие "
                "больше всего замечаний: {count})"
            ),
            "dispositions": "Решения",
            "dispositions_chart": "Замечания с разбивкой по решениям",
            "comment_types": "Виды замечаний",
            "replies_over_time": "Ответы по времени",
            "replies_per_month": "Ответы, полученные за месяц",
            "replies_per_call": "Ответы на каждый запрос замечаний",
            "replies_per_call_chart": "Ответы на каждую вербальную ноту",
            "as_table": "Данные в виде таблицы",
            "highest": "Наибольшие значения",
            "total": "Всего",
            "party": "Участник",
            "comments": "Замечания",
            "share": "Доля",
            "type": "Вид",
            "month": "Месяц",
            "replies": "Ответы",
            "note_verbale": "Вербальная нота",
            "issued": "Дата направления",
            "deadline": "Срок",
            "disposition": "Решение",
            "disposition_pending": "На рассмотрении",
            "disposition_accepted": "Принято",
            "disposition_partially-accepted": "Принято частично",
            "disposition_not-accepted": "Не принято",
            "disposition_noted": "Принято к сведению",
            "type_general": "Общее",
            "type_technical": "Техническое",
            "type_editorial": "Редакционное",
            "comments_title": "Замечания и решения по ним",
            "comments_lead": "Замечаний: {count}, с решением секретариата по каждому из них.",
            "comments_where": (
                "Те же замечания приводятся на странице каждого руководящего принципа и каждого "
                "участника."
            ),
            "comments_original": (
                "Каждое замечание приводится на том языке, на котором оно было направлено; "
                "страницы руководящих принципов, страницы участников и обоснования секретариата "
                "размещены на сайте на языке оригинала."
            ),
            "comment": "Замечание",
            "paragraph_short": "Пункт",
            "text": "Текст",
            "rationale": "Обоснование",
            "addressed_in": "Учтено в",
            "filter_all": "Все",
            "filter_count": "Замечаний: {shown} из {total}",
            "filter_label": "Отбор замечаний",
            "proposed": "Предлагаемая формулировка",
            "general_comments": "Общие замечания",
            "general_on": "Относительно {subject}",
            "all_comments": "Все замечания",
            "on_the_guidelines": "Замечания по руководящим принципам",
            "subject_document": "документа в целом",
            "subject_introduction": "введения",
            "subject_part": "части {number} ({title})",
            "cell_general": "Общее",
            "cell_part": "Часть {number}",
            "card_on": "по документу {version}",
            "card_paragraph": "пункт {label}",
            "card_in": "в документе {version}",
            "proposed_wording": "Предлагаемая формулировка:",
            "on_the_words": "По поводу слов «{quote}»",
            "comments_by_call": (
                "Замечаний: {count}, с решением секретариата по каждому, в порядке вербальных "
                "нот, в ответ на которые они поступили, по {size} на странице."
            ),
            "commented_version": "По документу",
            "pages": "Страницы",
            "pages_line": "Страницы: {pager}",
            "comments_on_call": "Замечания в ответ на вербальную ноту {reference}",
            "page_of": "{title} ({number} из {count})",
        },
        "ar": {
            "stats": "إحصاءات",
            "stats_none": "لم تُنشر أي تعليقات بعد.",
            "stats_summary": "عدد التعليقات: {comments}، في {replies} ردًّا.",
            "stats_summary_public": (
                "عدد التعليقات: {comments}، في {replies} ردًّا (الردود المنشورة فقط)."
            ),
            "per_guideline": "التعليقات حسب المبدأ التوجيهي",
            "per_guideline_chart": "التعليقات حسب المبدأ التوجيهي، مصنفة حسب القرار المتخذ",
            "per_guideline_most": (
                "التعليقات حسب المبدأ التوجيهي، مصنفة حسب القرار المتخذ (المبادئ الـ {count} "
                "الأكثر تعليقًا)"
            ),
            "per_party": "التعليقات حسب الطرف",
            "per_party_chart": "التعليقات حسب الطرف، مصنفة حسب القرار المتخذ",
            "per_party_most": (
                "التعليقات حسب الطرف، مصنفة حسب القرار المتخذ (الأطراف الـ {count} الأكثر تعليقًا)"
            ),
            "dispositions": "القرارات المتخذة",
            "dispositions_chart": "التعليقات حسب القرار المتخذ",
            "comment_types": "أنواع التعليقات",
            "replies_over_time": "الردود على مر الزمن",
            "replies_per_month": "الردود الواردة في كل شهر",
            "replies_per_call": "الردود على كل طلب للتعليقات",
            "replies_per_call_chart": "الردود على كل مذكرة شفوية",
            "as_table": "الأرقام في جدول",
            "highest": "أعلى القيم",
            "total": "المجموع",
            "party": "الطرف",
            "comments": "التعليقات",
            "share": "النسبة",
            "type": "النوع",
            "month": "الشهر",
            "replies": "الردود",
            "note_verbale": "المذكرة الشفوية",
            "issued": "تاريخ الإرسال",
            "deadline": "الموعد النهائي",
            "disposition": "القرار المتخذ",
            "disposition_pending": "قيد النظر",
            "disposition_accepted": "مقبول",
            "disposition_partially-accepted": "مقبول جزئيًّا",
            "disposition_not-accepted": "غير مقبول",
            "disposition_noted": "أُحيط علمًا به",
            "type_general": "عام",
            "type_technical": "تقني",
            "type_editorial": "تحريري",
            "comments_title": "التعليقات والقرارات المتخذة بشأنها",
            "comments_lead": "عدد التعليقات: {count}، مع ما قررته الأمانة بشأن كل منها.",
            "comments_where": "تعرض صفحة كل مبدأ توجيهي وصفحة كل طرف التعليقات نفسها.",
            "comments_original": (
                "يُعرض كل تعليق باللغة التي أُرسل بها؛ وترد صفحات المبادئ التوجيهية وصفحات "
                "الأطراف وأسباب الأمانة في الموقع باللغة الأصلية."
            ),
            "comment": "التعليق",
            "paragraph_short": "الفقرة",
            "text": "النص",
            "rationale": "الأسباب",
            "addressed_in": "عولج في",
            "filter_all": "الكل",
            "filter_count": "{shown} من أصل {total} تعليقًا",
            "filter_label": "تصفية التعليقات",
            "proposed": "الصيغة المقترحة",
            "general_comments": "تعليقات عامة",
            "general_on": "بشأن {subject}",
            "all_comments": "جميع التعليقات",
            "on_the_guidelines": "بشأن المبادئ التوجيهية",
            "subject_document": "الوثيقة بأكملها",
            "subject_introduction": "المقدمة",
            "subject_part": "الجزء {number} ({title})",
            "cell_general": "عام",
            "cell_part": "الجزء {number}",
            "card_on": "بشأن الوثيقة {version}",
            "card_paragraph": "الفقرة {label}",
            "card_in": "في الوثيقة {version}",
            "proposed_wording": "الصيغة المقترحة:",
            "on_the_words": "بشأن عبارة «{quote}»",
            "comments_by_call": (
                "{count} تعليقًا، مع ما قررته الأمانة بشأن كل منها، مرتبة حسب المذكرة الشفوية "
                "التي طُلبت فيها، {size} في كل صفحة."
            ),
            "commented_version": "بشأن",
            "pages": "الصفحات",
            "pages_line": "الصفحات: {pager}",
            "comments_on_call": "التعليقات الواردة ردًا على المذكرة الشفوية {reference}",
            "page_of": "{title} ({number} من {count})",
        },
    }
)
