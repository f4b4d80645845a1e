"""The words of the site's own interface, per language tree.

Material translates its chrome (search box, navigation, footer) from ``theme.language``; these are
the words Redraft writes into pages.  English is complete.  The six languages of the United Nations
have every word a language tree uses (versions, guidelines, notes); a word a translation lacks
falls back to English rather than leaving a gap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from redraft.kb.model import ENGLISH_NAMES
from redraft.site.comment_labels import COMMENT_WORDS
from redraft.site.history_labels import HISTORY_WORDS
from redraft.site.record_labels import RECORD_WORDS

ABJAD: tuple[str, ...] = tuple(
    [
        "أ",
        "ب",
        "ج",
        "د",
        "هـ",
        "و",
        "ز",
        "ح",
        "ط",
        "ي",
        "ك",
        "ل",
        "م",
        "ن",
        "س",
        "ع",
        "ف",
        "ص",
        "ق",
        "ر",
        "ش",
        "ت",
        "ث",
        "خ",
        "ذ",
        "ض",
        "ظ",
        "غ",
    ]
)
"""Arabic letters in abjad order, as United Nations Arabic texts letter subparagraphs."""

_LATIN_LABEL = re.compile(r"^\(([a-z])\)$")


def letter_label(label: str, language: str) -> str:
    """A subparagraph's label as a reader of ``language`` expects it: "(a)" stays "(a)", except
    in Arabic, where the files' Latin letters become the Arabic letter of the same rank in abjad
    order, as United Nations Arabic texts letter them: (أ), (ب), (ج).  Anchors keep the files'
    letters; only what is read changes.  The site and the Word documents share this."""
    match = _LATIN_LABEL.match(label)
    if language != "ar" or not match:
        return label
    rank = ord(match.group(1)) - ord("a")
    return f"({ABJAD[rank]})" if rank < len(ABJAD) else label


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
            "This guideline has not been translated into {language} in this version. "
            "The text exists in the original language:"
        ),
        "untranslated_title": "Not translated",
        "original_language": "Read in the original language",
        "translations": "Translations",
        "current_text": "Current text",
        "link_to_paragraph": "Link to this paragraph",
        "note_paragraph": "explanatory note, paragraph {number}",
        "in_version": "As it stands in {version}",
        "deleted_in": "This guideline is not in the {version}.",
        "internal": "Internal build",
        "internal_text": (
            "This page comes from an internal build that includes restricted submissions. "
            "Do not publish or forward it."
        ),
        "illustrative": "Illustrative submissions",
        "languages": "Languages",
        "latest": "Latest",
        "page_missing_title": "That page has no version in this language",
        "page_missing": (
            "What the page you were reading shows exists only in another language, or that "
            "version of the text was not translated into this one. This is the home page of the "
            "site in this language."
        ),
        "page_missing_back": "Back to the page you were reading",
        # compare pages
        "compare": "Compare versions",
        "compare_short": "Compare",
        "compare_intro": (
            "Every version compared with every later one, the working draft included. Each "
            "comparison lists what happened to each guideline (new, deleted, renumbered, moved, "
            "merged, split), then shows every change of wording, inline or side by side."
        ),
        "compare_intro_translated": (
            "Every version that has a {language} text, compared with every later one. "
            "Guidelines are aligned by their identifiers; where a version has no {language} text "
            "of a guideline, its wording is not compared."
        ),
        "compare_none": "There are not yet two versions to compare in this language.",
        "from_version": "From the {version}",
        "to_version": "to the {version}",
        "guidelines_changed": "{count} guidelines changed",
        "compare_lead": (
            "From {old} to {new}. Deleted words are struck through, inserted words underlined."
        ),
        "compare_original": "The same comparison of the original texts",
        "summary": "Summary",
        "title_and_introduction": "Title and introduction",
        "changes_by_guideline": "Changes guideline by guideline",
        "history_and_comments": "Its history and comments",
        "comments_addressed": "Comments addressed by this change:",
        "unchanged": "Unchanged",
        "versions_same": "The two versions are the same.",
        "listed_below": "listed below",
        "none": "none",
        "view_inline": "Inline",
        "view_side_by_side": "Side by side",
        "download": "Download:",
        "download_docx": "Word (.docx)",
        "download_xlsx": "Excel (.xlsx)",
        "download_redline": "Redline with tracked changes, Word (.docx)",
        "download_compilation": "Compilation of the comments on {reference}:",
        "needs_script": (
            "The side-by-side view needs JavaScript; the inline view shows every change."
        ),
        "hint_inserted": "new paragraph",
        "hint_deleted": "deleted paragraph",
        "hint_moved": "moved paragraph",
        "hint_footnote_inserted": "new footnote",
        "hint_footnote_deleted": "deleted footnote",
        "origin_from": "from former guideline {place}",
        "origin_into": "carried into guideline {place}",
        "place_paragraph": "{number}, paragraph {label}",
        "not_compared": "Wording not compared (no {language} text)",
        "not_compared_in": "There is no {language} text of this guideline in {versions}.",
        "renumbered_from_to": "guideline {old} → {new}",
        "kind_added": "New",
        "kind_deleted": "Deleted",
        "kind_renumbered": "Renumbered",
        "kind_moved": "Moved",
        "kind_reworded": "Reworded",
        "kind_relabelled": "Paragraphs relettered",
        "kind_merged": "Formed by a merger",
        "kind_merged-into": "Merged into another",
        "kind_split": "Split out of another",
        "kind_split-into": "Split",
        "kind_replaces": "Replacing another",
        "kind_replaced-by": "Replaced",
        "kind_note-added": "Explanatory note added",
        "kind_note-removed": "Explanatory note removed",
        "kind_note-reworded": "Explanatory note reworded",
        "parts_added": "New parts",
        "parts_deleted": "Deleted parts",
        "parts_renumbered": "Renumbered parts",
        "parts_retitled": "Retitled parts",
        "parts_moved": "Moved parts",
        "change_added": "new guideline",
        "change_deleted": "deleted",
        "change_renumbered": "renumbered",
        "change_moved": "moved",
        "change_reworded": "reworded",
        "change_relabelled": "paragraphs relettered",
        "change_merged": "formed by a merger",
        "change_merged-into": "merged into another guideline",
        "change_split": "split out of another guideline",
        "change_split-into": "split",
        "change_replaces": "replaces another guideline",
        "change_replaced-by": "replaced",
        "change_note-added": "explanatory note added",
        "change_note-removed": "explanatory note removed",
        "change_note-reworded": "explanatory note reworded",
        "lineage_merged_from": "Formed from",
        "lineage_merged_into": "Merged into",
        "lineage_split_from": "Split out of",
        "lineage_split_into": "Split into",
        "lineage_replaces": "Replaces",
        "lineage_replaced_by": "Replaced by",
        "guideline_of_version": "guideline {number} ({title}) of {version}",
        "lineage_in": "In {version}",
        "last_changed_on": "Last changed in the working draft on {date}",
        "title_deleted_in": "(deleted in {version})",
        "title_superseded_in": "(superseded in {version})",
        "this_version": "This version",
        "latest_released": "Latest released version",
        "previous_version": "Previous version",
        "as_at": "as at {date}",
        "compare_from": "Compare",
        "compare_to": "with",
        "compare_go": "Show the changes",
        "compare_same": "Choose two different versions.",
        "compare_all_pairs": "Every comparison",
        "compare_backwards": (
            "This comparison reads back in time, from the newer text to the older: words struck "
            "through are those the newer text added."
        ),
        "compare_reverse": "newer to older",
        "compare_whole": "The whole comparison on one page",
        "compare_whole_title": "{old} {arrow} {new}: the whole comparison",
        "compare_whole_lead": (
            "Every change on one page, inline, for reading end to end or printing."
        ),
        "not_in_latest": "Not in the latest version",
        "removed_in": "This guideline was removed in the {version}; below is its last text.",
        "removed_later": "This guideline was removed in a later version; below is its last text.",
        "text_went_into": "Its text went into {links}.",
        "outdated_title": "Translation not yet updated",
        "outdated_notice": (
            "This translation does not yet reflect a change made to the "
            "original since the {version}: {passages}."
        ),
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
                "untranslated": "本版本中的这条准则尚未译成{language}。原文见：",
                "untranslated_title": "未翻译",
                "original_language": "阅读原文",
                "translations": "译文",
                "current_text": "现行案文",
                "link_to_paragraph": "链接到本段",
                "note_paragraph": "解释性说明第{number}段",
                "in_version": "{version}中的案文",
                "deleted_in": "{version}中没有这条准则。",
                "internal": "内部版本",
                "internal_text": "本页来自包含限制性提交材料的内部版本，请勿发布或转发。",
                "illustrative": "说明性提交材料",
                "languages": "语言",
                "latest": "最新",
                "page_missing_title": "该页面没有本语文版本",
                "page_missing": (
                    "您刚才阅读的页面所载内容只有其他语文版本，或该版本的案文未译成本语文。"
                    "这里是本语文网站的首页。"
                ),
                "page_missing_back": "返回您刚才阅读的页面",
                # compare pages
                "compare": "版本比较",
                "compare_short": "比较",
                "compare_intro": (
                    "每个版本均与其后的各个版本进行比较，包括工作草案。每项比较先列出每条准则的"
                    "变动情况（新增、删除、重新编号、移动、合并、拆分），然后以文内对照或并列对照"
                    "方式显示措辞的每一处改动。"
                ),
                "compare_intro_translated": (
                    "凡有{language}文本的版本，均与其后的各个版本进行比较。各条准则按其标识符对应；"
                    "某一版本中没有某条准则的{language}文本的，不比较该准则的措辞。"
                ),
                "compare_none": "本语文尚无两个可供比较的版本。",
                "from_version": "{version}与其后各版本的比较",
                "to_version": "与{version}比较",
                "guidelines_changed": "{count}条准则有改动",
                "compare_lead": "从{old}到{new}。删除的文字以删除线标示，插入的文字以下划线标示。",
                "compare_original": "原文的同一比较",
                "summary": "摘要",
                "title_and_introduction": "标题和导言",
                "changes_by_guideline": "逐条准则列出的改动",
                "history_and_comments": "本准则的沿革和意见",
                "comments_addressed": "本项改动所处理的意见：",
                "unchanged": "未改动",
                "versions_same": "两个版本相同。",
                "listed_below": "见下文",
                "none": "无",
                "view_inline": "文内对照",
                "view_side_by_side": "并列对照",
                "download": "下载：",
                "download_docx": "Word (.docx)",
                "download_xlsx": "Excel (.xlsx)",
                "download_redline": "修订标记版，Word (.docx)",
                "download_compilation": "对 {reference} 所提意见汇编：",
                "needs_script": "并排视图需要启用 JavaScript；行内视图显示全部修改。",
                "hint_inserted": "新增段落",
                "hint_deleted": "删除的段落",
                "hint_moved": "移动的段落",
                "hint_footnote_inserted": "新增脚注",
                "hint_footnote_deleted": "删除的脚注",
                "origin_from": "来自原准则{place}",
                "origin_into": "移入准则{place}",
                "place_paragraph": "{number}第{label}段",
                "not_compared": "未比较措辞（无{language}文本）",
                "not_compared_in": "以下版本中没有本准则的{language}文本：{versions}。",
                "renumbered_from_to": "准则{old} → {new}",
                "kind_added": "新增",
                "kind_deleted": "删除",
                "kind_renumbered": "重新编号",
                "kind_moved": "移动",
                "kind_reworded": "措辞修改",
                "kind_relabelled": "段落字母编号变更",
                "kind_merged": "由合并而成",
                "kind_merged-into": "并入另一条准则",
                "kind_split": "从另一条准则拆分而出",
                "kind_split-into": "拆分",
                "kind_replaces": "取代另一条准则",
                "kind_replaced-by": "被取代",
                "kind_note-added": "增加解释性说明",
                "kind_note-removed": "删除解释性说明",
                "kind_note-reworded": "解释性说明措辞修改",
                "parts_added": "新增部分",
                "parts_deleted": "删除的部分",
                "parts_renumbered": "重新编号的部分",
                "parts_retitled": "标题修改的部分",
                "parts_moved": "移动的部分",
                "change_added": "新增准则",
                "change_deleted": "删除",
                "change_renumbered": "重新编号",
                "change_moved": "移动",
                "change_reworded": "措辞修改",
                "change_relabelled": "段落字母编号变更",
                "change_merged": "由合并而成",
                "change_merged-into": "并入另一条准则",
                "change_split": "从另一条准则拆分而出",
                "change_split-into": "拆分",
                "change_replaces": "取代另一条准则",
                "change_replaced-by": "被取代",
                "change_note-added": "增加解释性说明",
                "change_note-removed": "删除解释性说明",
                "change_note-reworded": "解释性说明措辞修改",
                "lineage_merged_from": "由以下准则合并而成：",
                "lineage_merged_into": "并入以下准则：",
                "lineage_split_from": "从以下准则拆分而出：",
                "lineage_split_into": "拆分为以下准则：",
                "lineage_replaces": "取代以下准则：",
                "lineage_replaced_by": "由以下准则取代：",
                "guideline_of_version": "{version}准则{number}（{title}）",
                "lineage_in": "在{version}中",
                "last_changed_on": "工作草案中最后一次修改于{date}",
                "title_deleted_in": "（已在{version}中删除）",
                "title_superseded_in": "（已在{version}中被取代）",
                "this_version": "本版本",
                "latest_released": "最新发布版本",
                "previous_version": "上一版本",
                "as_at": "截至{date}",
                "compare_from": "比较",
                "compare_to": "与",
                "compare_go": "显示改动",
                "compare_same": "请选择两个不同的版本。",
                "compare_all_pairs": "所有比较",
                "compare_backwards": (
                    "本比较按时间倒序，从较新的案文到较旧的案文：加删除线的文字是较新案文所增加的。"
                ),
                "compare_reverse": "从新到旧",
                "compare_whole": "整个比较（单页）",
                "compare_whole_title": "{old} {arrow} {new}：整个比较",
                "compare_whole_lead": "所有改动集中在一页，以文内对照方式显示，便于通读或打印。",
                "not_in_latest": "最新版本中没有",
                "removed_in": "本准则已在{version}中删除；以下是其最后的案文。",
                "removed_later": "本准则已在其后的版本中删除；以下是其最后的案文。",
                "text_went_into": "其案文已并入{links}。",
                "outdated_title": "译文尚未更新",
                "outdated_notice": "自{version}以来原文有所修改，本译文尚未相应更新：{passages}。",
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
                    "version. Le texte existe dans la langue originale :"
                ),
                "untranslated_title": "Non traduite",
                "original_language": "Lire dans la langue originale",
                "translations": "Traductions",
                "current_text": "Texte actuel",
                "link_to_paragraph": "Lien vers ce paragraphe",
                "note_paragraph": "note explicative, paragraphe {number}",
                "in_version": "Texte dans {version}",
                "deleted_in": "Cette ligne directrice ne figure pas dans {version}.",
                "internal": "Version interne",
                "internal_text": (
                    "Cette page provient d'une version interne qui comprend des contributions "
                    "restreintes. Ne pas la publier ni la transmettre."
                ),
                "illustrative": "Contributions fictives",
                "languages": "Langues",
                "latest": "Dernière",
                "page_missing_title": "Cette page n'existe pas dans cette langue",
                "page_missing": (
                    "Le contenu de la page que vous lisiez n'existe que dans une autre langue, ou "
                    "cette version du texte n'a pas été traduite dans celle-ci. Vous êtes sur la "
                    "page d'accueil du site dans cette langue."
                ),
                "page_missing_back": "Revenir à la page que vous lisiez",
                # compare pages
                "compare": "Comparaison des versions",
                "compare_short": "Comparaison",
                "compare_intro": (
                    "Chaque version est comparée à chacune des versions ultérieures, y compris le "
                    "projet de travail. Chaque comparaison indique ce qu'il est advenu de chaque "
                    "ligne directrice (nouvelle, supprimée, renumérotée, déplacée, fusionnée, "
                    "scindée), puis présente toutes les modifications du libellé, dans le texte ou "
                    "côte à côte."
                ),
                "compare_intro_translated": (
                    "Chaque version qui comporte un texte en {language} est comparée à chacune des "
                    "versions ultérieures. Les lignes directrices sont mises en correspondance au "
                    "moyen de leur identifiant ; lorsqu'une version ne comporte pas de texte en "
                    "{language} d'une ligne directrice, le libellé de celle-ci n'est pas comparé."
                ),
                "compare_none": (
                    "Il n'existe pas encore deux versions à comparer dans cette langue."
                ),
                "from_version": "Comparaison de {version}",
                "to_version": "avec {version}",
                "guidelines_changed": "lignes directrices modifiées : {count}",
                "compare_lead": (
                    "De {old} à {new}. Les mots supprimés sont barrés et les mots insérés sont "
                    "soulignés."
                ),
                "compare_original": "La même comparaison des textes originaux",
                "summary": "Résumé",
                "title_and_introduction": "Titre et introduction",
                "changes_by_guideline": "Modifications par ligne directrice",
                "history_and_comments": "Son historique et ses commentaires",
                "comments_addressed": "Commentaires pris en compte dans cette modification :",
                "unchanged": "Inchangées",
                "versions_same": "Les deux versions sont identiques.",
                "listed_below": "énumérées ci-dessous",
                "none": "aucune",
                "view_inline": "Dans le texte",
                "view_side_by_side": "Côte à côte",
                "download": "Télécharger :",
                "download_docx": "Word (.docx)",
                "download_xlsx": "Excel (.xlsx)",
                "download_redline": "Texte avec modifications suivies, Word (.docx)",
                "download_compilation": "Compilation des observations reçues sur {reference} :",
                "needs_script": (
                    "La vue côte à côte nécessite JavaScript ; la vue "
                    "intégrée montre toutes les modifications."
                ),
                "hint_inserted": "nouveau paragraphe",
                "hint_deleted": "paragraphe supprimé",
                "hint_moved": "paragraphe déplacé",
                "hint_footnote_inserted": "nouvelle note de bas de page",
                "hint_footnote_deleted": "note de bas de page supprimée",
                "origin_from": "provenant de l'ancienne ligne directrice {place}",
                "origin_into": "reporté dans la ligne directrice {place}",
                "place_paragraph": "{number}, paragraphe {label}",
                "not_compared": "Libellé non comparé (pas de texte en {language})",
                "not_compared_in": (
                    "Il n'existe pas de texte en {language} de cette ligne directrice dans les "
                    "versions suivantes : {versions}."
                ),
                "renumbered_from_to": "ligne directrice {old} → {new}",
                "kind_added": "Nouvelles",
                "kind_deleted": "Supprimées",
                "kind_renumbered": "Renumérotées",
                "kind_moved": "Déplacées",
                "kind_reworded": "Reformulées",
                "kind_relabelled": "Lettres des paragraphes modifiées",
                "kind_merged": "Issues d'une fusion",
                "kind_merged-into": "Fusionnées dans une autre",
                "kind_split": "Issues de la scission d'une autre",
                "kind_split-into": "Scindées",
                "kind_replaces": "Remplaçant une autre",
                "kind_replaced-by": "Remplacées",
                "kind_note-added": "Note explicative ajoutée",
                "kind_note-removed": "Note explicative supprimée",
                "kind_note-reworded": "Note explicative reformulée",
                "parts_added": "Nouvelles parties",
                "parts_deleted": "Parties supprimées",
                "parts_renumbered": "Parties renumérotées",
                "parts_retitled": "Parties dont le titre a été modifié",
                "parts_moved": "Parties déplacées",
                "change_added": "nouvelle ligne directrice",
                "change_deleted": "supprimée",
                "change_renumbered": "renumérotée",
                "change_moved": "déplacée",
                "change_reworded": "reformulée",
                "change_relabelled": "lettres des paragraphes modifiées",
                "change_merged": "issue d'une fusion",
                "change_merged-into": "fusionnée dans une autre ligne directrice",
                "change_split": "issue de la scission d'une autre ligne directrice",
                "change_split-into": "scindée",
                "change_replaces": "remplace une autre ligne directrice",
                "change_replaced-by": "remplacée",
                "change_note-added": "note explicative ajoutée",
                "change_note-removed": "note explicative supprimée",
                "change_note-reworded": "note explicative reformulée",
                "lineage_merged_from": "Issue de la fusion de",
                "lineage_merged_into": "Fusionnée dans",
                "lineage_split_from": "Issue de la scission de",
                "lineage_split_into": "Scindée en",
                "lineage_replaces": "Remplace",
                "lineage_replaced_by": "Remplacée par",
                "guideline_of_version": "ligne directrice {number} ({title}) du document {version}",
                "lineage_in": "Dans le document {version}",
                "last_changed_on": "Dernière modification dans le projet de travail le {date}",
                "title_deleted_in": "(supprimée dans le document {version})",
                "title_superseded_in": "(remplacée dans le document {version})",
                "this_version": "Cette version",
                "latest_released": "Dernière version publiée",
                "previous_version": "Version précédente",
                "as_at": "au {date}",
                "compare_from": "Comparer",
                "compare_to": "avec",
                "compare_go": "Afficher les modifications",
                "compare_same": "Choisissez deux versions différentes.",
                "compare_all_pairs": "Toutes les comparaisons",
                "compare_backwards": (
                    "Cette comparaison remonte le temps, du texte le plus récent au plus ancien "
                    ": les mots barrés sont ceux que le texte le plus récent a ajoutés."
                ),
                "compare_reverse": "du plus récent au plus ancien",
                "compare_whole": "Toute la comparaison sur une page",
                "compare_whole_title": "{old} {arrow} {new} : toute la comparaison",
                "compare_whole_lead": (
                    "Toutes les modifications sur une page, dans le texte, pour une lecture "
                    "suivie ou l’impression."
                ),
                "not_in_latest": "Absente de la dernière version",
                "removed_in": (
                    "Cette ligne directrice a été supprimée dans le document {version} ; son "
                    "dernier texte figure ci-dessous."
                ),
                "removed_later": (
                    "Cette ligne directrice a été supprimée dans une version ultérieure ; son "
                    "dernier texte figure ci-dessous."
                ),
                "text_went_into": "Son texte a été repris dans {links}.",
                "outdated_title": "Traduction pas encore mise à jour",
                "outdated_notice": (
                    "Cette traduction ne tient pas encore compte d'une "
                    "modification apportée à l'original depuis {version} : {passages}."
                ),
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
                    "Esta directriz no se ha traducido al {language} en esta versión. "
                    "El texto existe en el idioma original:"
                ),
                "untranslated_title": "Sin traducir",
                "original_language": "Leer en el idioma original",
                "translations": "Traducciones",
                "current_text": "Texto actual",
                "link_to_paragraph": "Enlace a este párrafo",
                "note_paragraph": "nota explicativa, párrafo {number}",
                "in_version": "Texto en {version}",
                "deleted_in": "Esta directriz no figura en {version}.",
                "internal": "Versión interna",
                "internal_text": (
                    "Esta página procede de una versión interna que incluye comunicaciones "
                    "restringidas. No la publique ni la reenvíe."
                ),
                "illustrative": "Comunicaciones ilustrativas",
                "languages": "Idiomas",
                "latest": "Última",
                "page_missing_title": "Esa página no existe en este idioma",
                "page_missing": (
                    "El contenido de la página que estaba leyendo solo existe en otro idioma, o "
                    "esa versión del texto no se ha traducido a este. Esta es la página de inicio "
                    "del sitio en este idioma."
                ),
                "page_missing_back": "Volver a la página que estaba leyendo",
                # compare pages
                "compare": "Comparación de versiones",
                "compare_short": "Comparación",
                "compare_intro": (
                    "Se compara cada versión con cada una de las versiones posteriores, "
                    "incluido el borrador de trabajo. Cada comparación indica lo ocurrido con "
                    "cada directriz (nueva, suprimida, renumerada, trasladada, fusionada, "
                    "dividida) y, a continuación, muestra todos los cambios de redacción, en el "
                    "texto o en paralelo."
                ),
                "compare_intro_translated": (
                    "Se compara cada versión que cuenta con texto en {language} con cada una de "
                    "las versiones posteriores. Las directrices se alinean según sus "
                    "identificadores; cuando una versión no tiene texto en {language} de una "
                    "directriz, no se compara su redacción."
                ),
                "compare_none": "Todavía no hay dos versiones que comparar en este idioma.",
                "from_version": "Comparación de {version}",
                "to_version": "con {version}",
                "guidelines_changed": "directrices modificadas: {count}",
                "compare_lead": (
                    "De {old} a {new}. Las palabras suprimidas aparecen tachadas y las insertadas, "
                    "subrayadas."
                ),
                "compare_original": "La misma comparación de los textos originales",
                "summary": "Resumen",
                "title_and_introduction": "Título e introducción",
                "changes_by_guideline": "Cambios por directriz",
                "history_and_comments": "Su historia y sus comentarios",
                "comments_addressed": "Comentarios atendidos con este cambio:",
                "unchanged": "Sin cambios",
                "versions_same": "Las dos versiones son idénticas.",
                "listed_below": "se enumeran a continuación",
                "none": "ninguna",
                "view_inline": "En el texto",
                "view_side_by_side": "En paralelo",
                "download": "Descargar:",
                "download_docx": "Word (.docx)",
                "download_xlsx": "Excel (.xlsx)",
                "download_redline": "Texto con control de cambios, Word (.docx)",
                "download_compilation": "Recopilación de las observaciones sobre {reference}:",
                "needs_script": (
                    "La vista en paralelo requiere JavaScript; la vista "
                    "integrada muestra todos los cambios."
                ),
                "hint_inserted": "párrafo nuevo",
                "hint_deleted": "párrafo suprimido",
                "hint_moved": "párrafo desplazado",
                "hint_footnote_inserted": "nueva nota a pie de página",
                "hint_footnote_deleted": "nota a pie de página suprimida",
                "origin_from": "procedente de la antigua directriz {place}",
                "origin_into": "trasladado a la directriz {place}",
                "place_paragraph": "{number}, párrafo {label}",
                "not_compared": "Redacción no comparada (no hay texto en {language})",
                "not_compared_in": (
                    "No hay texto en {language} de esta directriz en las versiones siguientes: "
                    "{versions}."
                ),
                "renumbered_from_to": "directriz {old} → {new}",
                "kind_added": "Nuevas",
                "kind_deleted": "Suprimidas",
                "kind_renumbered": "Renumeradas",
                "kind_moved": "Trasladadas",
                "kind_reworded": "Reformuladas",
                "kind_relabelled": "Cambio de letra de los párrafos",
                "kind_merged": "Resultantes de una fusión",
                "kind_merged-into": "Fusionadas con otra",
                "kind_split": "Resultantes de la división de otra",
                "kind_split-into": "Divididas",
                "kind_replaces": "Sustituyen a otra",
                "kind_replaced-by": "Sustituidas",
                "kind_note-added": "Nota explicativa añadida",
                "kind_note-removed": "Nota explicativa suprimida",
                "kind_note-reworded": "Nota explicativa reformulada",
                "parts_added": "Partes nuevas",
                "parts_deleted": "Partes suprimidas",
                "parts_renumbered": "Partes renumeradas",
                "parts_retitled": "Partes con nuevo título",
                "parts_moved": "Partes trasladadas",
                "change_added": "nueva directriz",
                "change_deleted": "suprimida",
                "change_renumbered": "renumerada",
                "change_moved": "trasladada",
                "change_reworded": "reformulada",
                "change_relabelled": "cambio de letra de los párrafos",
                "change_merged": "resultante de una fusión",
                "change_merged-into": "fusionada con otra directriz",
                "change_split": "resultante de la división de otra directriz",
                "change_split-into": "dividida",
                "change_replaces": "sustituye a otra directriz",
                "change_replaced-by": "sustituida",
                "change_note-added": "nota explicativa añadida",
                "change_note-removed": "nota explicativa suprimida",
                "change_note-reworded": "nota explicativa reformulada",
                "lineage_merged_from": "Resultante de la fusión de",
                "lineage_merged_into": "Integrada en",
                "lineage_split_from": "Resultante de la división de",
                "lineage_split_into": "Dividida en",
                "lineage_replaces": "Sustituye a",
                "lineage_replaced_by": "Sustituida por",
                "guideline_of_version": "directriz {number} ({title}) del documento {version}",
                "lineage_in": "En el documento {version}",
                "last_changed_on": "Última modificación en el borrador de trabajo el {date}",
                "title_deleted_in": "(suprimida en el documento {version})",
                "title_superseded_in": "(sustituida en el documento {version})",
                "this_version": "Esta versión",
                "latest_released": "Última versión publicada",
                "previous_version": "Versión anterior",
                "as_at": "al {date}",
                "compare_from": "Comparar",
                "compare_to": "con",
                "compare_go": "Mostrar los cambios",
                "compare_same": "Elija dos versiones distintas.",
                "compare_all_pairs": "Todas las comparaciones",
                "compare_backwards": (
                    "Esta comparación va hacia atrás en el tiempo, del texto más reciente al más "
                    "antiguo: las palabras tachadas son las que añadió el texto más reciente."
                ),
                "compare_reverse": "del más reciente al más antiguo",
                "compare_whole": "Toda la comparación en una página",
                "compare_whole_title": "{old} {arrow} {new}: toda la comparación",
                "compare_whole_lead": (
                    "Todos los cambios en una página, en el texto, para leerlos de principio a "
                    "fin o imprimirlos."
                ),
                "not_in_latest": "No figura en la última versión",
                "removed_in": (
                    "Esta directriz se suprimió en el documento {version}; a continuación figura "
                    "su último texto."
                ),
                "removed_later": (
                    "Esta directriz se suprimió en una versión posterior; a continuación figura "
                    "su último texto."
                ),
                "text_went_into": "Su texto pasó a {links}.",
                "outdated_title": "Traducción aún no actualizada",
                "outdated_notice": (
                    "Esta traducción aún no refleja una modificación introducida "
                    "en el original desde {version}: {passages}."
                ),
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
                    "Этот принцип в данной версии не переведён на {language}. "
                    "Текст имеется на языке оригинала:"
                ),
                "untranslated_title": "Не переведено",
                "original_language": "Читать на языке оригинала",
                "translations": "Переводы",
                "current_text": "Действующий текст",
                "link_to_paragraph": "Ссылка на этот пункт",
                "note_paragraph": "пояснительная записка, пункт {number}",
                "in_version": "Текст в версии {version}",
                "deleted_in": "Этот принцип отсутствует в версии {version}.",
                "internal": "Внутренняя версия",
                "internal_text": (
                    "Эта страница взята из внутренней версии, включающей материалы "
                    "ограниченного доступа. Не публикуйте и не пересылайте её."
                ),
                "illustrative": "Условные материалы",
                "languages": "Языки",
                "latest": "Последняя",
                "page_missing_title": "Этой страницы нет на данном языке",
                "page_missing": (
                    "Содержание страницы, которую вы читали, существует только на другом языке, "
                    "или эта версия текста не переведена на данный язык. Это главная страница "
                    "сайта на данном языке."
                ),
                "page_missing_back": "Вернуться к странице, которую вы читали",
                # compare pages
                "compare": "Сравнение версий",
                "compare_short": "Сравнение",
                "compare_intro": (
                    "Каждая версия сравнивается с каждой последующей, включая рабочий проект. "
                    "В каждом сравнении указывается, что произошло с каждым принципом (новый, "
                    "исключён, перенумерован, перемещён, объединён, разделён), а затем приводятся "
                    "все изменения формулировок в едином тексте или в две колонки."
                ),
                "compare_intro_translated": (
                    "Каждая версия, в которой имеется перевод на {language}, сравнивается с каждой "
                    "последующей. Принципы сопоставляются по их идентификаторам; если в версии "
                    "отсутствует перевод принципа на {language}, его формулировка не сравнивается."
                ),
                "compare_none": "На этом языке пока нет двух версий для сравнения.",
                "from_version": "Сравнение версии {version}",
                "to_version": "с версией {version}",
                "guidelines_changed": "изменено принципов: {count}",
                "compare_lead": (
                    "Сравнение версии {old} с версией {new}. Исключённые слова зачёркнуты, "
                    "добавленные — подчёркнуты."
                ),
                "compare_original": "То же сравнение текстов на языке оригинала",
                "summary": "Сводка",
                "title_and_introduction": "Название и введение",
                "changes_by_guideline": "Изменения по принципам",
                "history_and_comments": "История принципа и замечания к нему",
                "comments_addressed": "Замечания, учтённые в этом изменении:",
                "unchanged": "Без изменений",
                "versions_same": "Эти две версии идентичны.",
                "listed_below": "перечислены ниже",
                "none": "нет",
                "view_inline": "В едином тексте",
                "view_side_by_side": "В две колонки",
                "download": "Скачать:",
                "download_docx": "Word (.docx)",
                "download_xlsx": "Excel (.xlsx)",
                "download_redline": "Текст с исправлениями, Word (.docx)",
                "download_compilation": "Подборка замечаний по {reference}:",
                "needs_script": (
                    "Для параллельного просмотра нужен JavaScript; во "
                    "встроенном просмотре видны все изменения."
                ),
                "hint_inserted": "новый абзац",
                "hint_deleted": "исключенный абзац",
                "hint_moved": "перемещенный абзац",
                "hint_footnote_inserted": "новая сноска",
                "hint_footnote_deleted": "исключенная сноска",
                "origin_from": "из прежнего принципа {place}",
                "origin_into": "перенесено в принцип {place}",
                "place_paragraph": "{number}, абзац {label}",
                "not_compared": "Формулировка не сравнивается (нет перевода на {language})",
                "not_compared_in": (
                    "Перевод этого принципа на {language} отсутствует в следующих версиях: "
                    "{versions}."
                ),
                "renumbered_from_to": "принцип {old} → {new}",
                "kind_added": "Новые",
                "kind_deleted": "Исключённые",
                "kind_renumbered": "Перенумерованные",
                "kind_moved": "Перемещённые",
                "kind_reworded": "С изменённой формулировкой",
                "kind_relabelled": "С изменённой буквенной нумерацией пунктов",
                "kind_merged": "Образованные путём объединения",
                "kind_merged-into": "Включённые в другой принцип",
                "kind_split": "Выделенные из другого принципа",
                "kind_split-into": "Разделённые",
                "kind_replaces": "Заменяющие другой принцип",
                "kind_replaced-by": "Заменённые",
                "kind_note-added": "Добавлена пояснительная записка",
                "kind_note-removed": "Исключена пояснительная записка",
                "kind_note-reworded": "Изменена формулировка пояснительной записки",
                "parts_added": "Новые части",
                "parts_deleted": "Исключённые части",
                "parts_renumbered": "Перенумерованные части",
                "parts_retitled": "Части с изменённым названием",
                "parts_moved": "Перемещённые части",
                "change_added": "новый принцип",
                "change_deleted": "исключён",
                "change_renumbered": "перенумерован",
                "change_moved": "перемещён",
                "change_reworded": "изменена формулировка",
                "change_relabelled": "изменена буквенная нумерация пунктов",
                "change_merged": "образован путём объединения",
                "change_merged-into": "включён в другой принцип",
                "change_split": "выделен из другого принципа",
                "change_split-into": "разделён",
                "change_replaces": "заменяет другой принцип",
                "change_replaced-by": "заменён",
                "change_note-added": "добавлена пояснительная записка",
                "change_note-removed": "исключена пояснительная записка",
                "change_note-reworded": "изменена формулировка пояснительной записки",
                "lineage_merged_from": "Образован путём объединения",
                "lineage_merged_into": "Включён в",
                "lineage_split_from": "Выделен из",
                "lineage_split_into": "Разделён на",
                "lineage_replaces": "Заменяет",
                "lineage_replaced_by": "Заменён следующим:",
                "guideline_of_version": "принцип {number} ({title}) документа {version}",
                "lineage_in": "В документе {version}",
                "last_changed_on": "Последнее изменение в рабочем проекте: {date}",
                "title_deleted_in": "(исключён в документе {version})",
                "title_superseded_in": "(заменён в документе {version})",
                "this_version": "Данная версия",
                "latest_released": "Последняя опубликованная версия",
                "previous_version": "Предыдущая версия",
                "as_at": "по состоянию на {date}",
                "compare_from": "Сравнить",
                "compare_to": "с",
                "compare_go": "Показать изменения",
                "compare_same": "Выберите две разные версии.",
                "compare_all_pairs": "Все сравнения",
                "compare_backwards": (
                    "Это сравнение идёт назад во времени, от более нового текста к более "
                    "старому: зачёркнуты слова, добавленные в более новом тексте."
                ),
                "compare_reverse": "от новой к старой",
                "compare_whole": "Всё сравнение на одной странице",
                "compare_whole_title": "{old} {arrow} {new}: всё сравнение",
                "compare_whole_lead": (
                    "Все изменения на одной странице, в тексте, для чтения целиком или печати."
                ),
                "not_in_latest": "Отсутствует в последней версии",
                "removed_in": (
                    "Этот принцип исключён в документе {version}; ниже приводится его последний "
                    "текст."
                ),
                "removed_later": (
                    "Этот принцип исключён в одной из последующих версий; ниже приводится его "
                    "последний текст."
                ),
                "text_went_into": "Его текст вошёл в {links}.",
                "outdated_title": "Перевод ещё не обновлён",
                "outdated_notice": (
                    "В этом переводе ещё не учтено изменение оригинала, "
                    "внесённое после версии {version}: {passages}."
                ),
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
                    "لم يُترجم هذا المبدأ التوجيهي إلى {language} في هذه الصيغة. "
                    "ويوجد النص باللغة الأصلية:"
                ),
                "untranslated_title": "غير مترجم",
                "original_language": "اقرأ باللغة الأصلية",
                "translations": "الترجمات",
                "current_text": "النص الحالي",
                "link_to_paragraph": "رابط إلى هذه الفقرة",
                "note_paragraph": "المذكرة التفسيرية، الفقرة {number}",
                "in_version": "النص في {version}",
                "deleted_in": "هذا المبدأ التوجيهي غير موجود في {version}.",
                "internal": "نسخة داخلية",
                "internal_text": (
                    "هذه الصفحة من نسخة داخلية تتضمن مساهمات مقيدة. لا تنشرها ولا تعيد إرسالها."
                ),
                "illustrative": "مساهمات توضيحية",
                "languages": "اللغات",
                "latest": "الأحدث",
                "page_missing_title": "لا توجد لتلك الصفحة نسخة بهذه اللغة",
                "page_missing": (
                    "محتوى الصفحة التي كنت تقرؤها موجود بلغة أخرى فقط، أو لم تُترجم تلك الصيغة من "
                    "النص إلى هذه اللغة. هذه هي الصفحة الرئيسية للموقع بهذه اللغة."
                ),
                "page_missing_back": "العودة إلى الصفحة التي كنت تقرؤها",
                # compare pages
                "compare": "مقارنة الصيغ",
                "compare_short": "مقارنة",
                "compare_intro": (
                    "تُقارَن كل صيغة بكل صيغة لاحقة لها، بما في ذلك مشروع العمل. وتبيّن كل مقارنة "
                    "ما طرأ على كل مبدأ توجيهي (جديد، محذوف، أُعيد ترقيمه، نُقل، دُمج، قُسِّم)، ثم "
                    "تعرض كل تغيير في الصياغة، ضمن النص أو جنبًا إلى جنب."
                ),
                "compare_intro_translated": (
                    "تُقارَن كل صيغة يوجد لها نص باللغة {language} بكل صيغة لاحقة لها. وتُطابَق "
                    "المبادئ التوجيهية بحسب معرِّفاتها؛ وحيثما لا يوجد في صيغة ما نص باللغة "
                    "{language} لمبدأ توجيهي، لا تُقارَن صياغته."
                ),
                "compare_none": "لا توجد بعدُ صيغتان يمكن مقارنتهما بهذه اللغة.",
                "from_version": "من {version}",
                "to_version": "إلى {version}",
                "guidelines_changed": "عدد المبادئ التوجيهية المعدَّلة: {count}",
                "compare_lead": (
                    "من {old} إلى {new}. الكلمات المحذوفة مشطوب عليها، والكلمات المدرجة تحتها خط."
                ),
                "compare_original": "المقارنة نفسها للنصوص الأصلية",
                "summary": "موجز",
                "title_and_introduction": "العنوان والمقدمة",
                "changes_by_guideline": "التغييرات حسب المبدأ التوجيهي",
                "history_and_comments": "تاريخه والتعليقات عليه",
                "comments_addressed": "التعليقات التي عولجت بهذا التغيير:",
                "unchanged": "دون تغيير",
                "versions_same": "الصيغتان متطابقتان.",
                "listed_below": "ترد أدناه",
                "none": "لا يوجد",
                "view_inline": "ضمن النص",
                "view_side_by_side": "جنبًا إلى جنب",
                "download": "تنزيل:",
                "download_docx": "Word (.docx)",
                "download_xlsx": "Excel (.xlsx)",
                "download_redline": "النص مع تتبع التغييرات، Word (.docx)",
                "download_compilation": "تجميع التعليقات على {reference}:",
                "needs_script": (
                    "يتطلب العرض المتوازي تفعيل JavaScript؛ ويُظهر العرض المدمج جميع التغييرات."
                ),
                "hint_inserted": "فقرة جديدة",
                "hint_deleted": "فقرة محذوفة",
                "hint_moved": "فقرة منقولة",
                "hint_footnote_inserted": "حاشية جديدة",
                "hint_footnote_deleted": "حاشية محذوفة",
                "origin_from": "من المبدأ التوجيهي السابق {place}",
                "origin_into": "نُقل إلى المبدأ التوجيهي {place}",
                "place_paragraph": "{number}، الفقرة {label}",
                "not_compared": "لم تُقارَن الصياغة (لا يوجد نص باللغة {language})",
                "not_compared_in": (
                    "لا يوجد نص باللغة {language} لهذا المبدأ التوجيهي في الصيغ التالية: "
                    "{versions}."
                ),
                "renumbered_from_to": "المبدأ التوجيهي {old} ← {new}",
                "kind_added": "جديدة",
                "kind_deleted": "محذوفة",
                "kind_renumbered": "أُعيد ترقيمها",
                "kind_moved": "منقولة",
                "kind_reworded": "أُعيدت صياغتها",
                "kind_relabelled": "غُيِّرت أحرف فقراتها",
                "kind_merged": "ناتجة عن دمج",
                "kind_merged-into": "أُدمجت في مبدأ توجيهي آخر",
                "kind_split": "مفصولة عن مبدأ توجيهي آخر",
                "kind_split-into": "مقسَّمة",
                "kind_replaces": "تحل محل مبدأ توجيهي آخر",
                "kind_replaced-by": "استُعيض عنها",
                "kind_note-added": "أُضيفت إليها مذكرة تفسيرية",
                "kind_note-removed": "حُذفت منها المذكرة التفسيرية",
                "kind_note-reworded": "أُعيدت صياغة مذكرتها التفسيرية",
                "parts_added": "أجزاء جديدة",
                "parts_deleted": "أجزاء محذوفة",
                "parts_renumbered": "أجزاء أُعيد ترقيمها",
                "parts_retitled": "أجزاء عُدِّلت عناوينها",
                "parts_moved": "أجزاء منقولة",
                "change_added": "مبدأ توجيهي جديد",
                "change_deleted": "حُذف",
                "change_renumbered": "أُعيد ترقيمه",
                "change_moved": "نُقل",
                "change_reworded": "أُعيدت صياغته",
                "change_relabelled": "غُيِّرت أحرف فقراته",
                "change_merged": "نتج عن دمج",
                "change_merged-into": "أُدمج في مبدأ توجيهي آخر",
                "change_split": "فُصل عن مبدأ توجيهي آخر",
                "change_split-into": "قُسِّم",
                "change_replaces": "يحل محل مبدأ توجيهي آخر",
                "change_replaced-by": "استُعيض عنه",
                "change_note-added": "أُضيفت مذكرة تفسيرية",
                "change_note-removed": "حُذفت المذكرة التفسيرية",
                "change_note-reworded": "أُعيدت صياغة المذكرة التفسيرية",
                "lineage_merged_from": "نتج عن دمج",
                "lineage_merged_into": "أُدمج في",
                "lineage_split_from": "فُصل عن",
                "lineage_split_into": "قُسِّم إلى",
                "lineage_replaces": "يحل محل",
                "lineage_replaced_by": "حلّ محلّه",
                "guideline_of_version": "المبدأ التوجيهي {number} ({title}) من الوثيقة {version}",
                "lineage_in": "في الوثيقة {version}",
                "last_changed_on": "آخر تعديل في مشروع العمل بتاريخ {date}",
                "title_deleted_in": "(حُذف في الوثيقة {version})",
                "title_superseded_in": "(استُعيض عنه في الوثيقة {version})",
                "this_version": "هذه الصيغة",
                "latest_released": "أحدث صيغة صادرة",
                "previous_version": "الصيغة السابقة",
                "as_at": "في {date}",
                "compare_from": "قارن",
                "compare_to": "بـ",
                "compare_go": "اعرض التغييرات",
                "compare_same": "اختر صيغتين مختلفتين.",
                "compare_all_pairs": "كل المقارنات",
                "compare_backwards": (
                    "تسير هذه المقارنة إلى الوراء في الزمن، من النص الأحدث إلى الأقدم: الكلمات "
                    "المشطوبة هي التي أضافها النص الأحدث."
                ),
                "compare_reverse": "من الأحدث إلى الأقدم",
                "compare_whole": "المقارنة كاملة في صفحة واحدة",
                "compare_whole_title": "{old} {arrow} {new}: المقارنة كاملة",
                "compare_whole_lead": (
                    "كل التغييرات في صفحة واحدة، داخل النص، لقراءتها كاملة أو طباعتها."
                ),
                "not_in_latest": "غير موجود في أحدث صيغة",
                "removed_in": (
                    "حُذف هذا المبدأ التوجيهي في الوثيقة {version}؛ ويرد أدناه آخر نص له."
                ),
                "removed_later": "حُذف هذا المبدأ التوجيهي في صيغة لاحقة؛ ويرد أدناه آخر نص له.",
                "text_went_into": "أُدرج نصه في {links}.",
                "outdated_title": "لم تُحدَّث الترجمة بعد",
                "outdated_notice": (
                    "لا تعكس هذه الترجمة بعدُ تعديلاً أُدخل على النص الأصلي منذ {version}: {passages}."
                ),
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


# The words of the meeting and reference pages live with them (:mod:`.record_labels`), those of
# the comments and statistics pages too (:mod:`.comment_labels`), those of a guideline's history
# and of the party pages too (:mod:`.history_labels`).
EN = MappingProxyType({**EN, **RECORD_WORDS["en"], **COMMENT_WORDS["en"], **HISTORY_WORDS["en"]})
TRANSLATIONS = MappingProxyType(
    {
        language: MappingProxyType(
            {
                **words,
                **RECORD_WORDS.get(language, {}),
                **COMMENT_WORDS.get(language, {}),
                **HISTORY_WORDS.get(language, {}),
            }
        )
        for language, words in TRANSLATIONS.items()
    }
)


class Labels:
    """The interface words for one language tree, falling back to English word by word."""

    def __init__(self, language: str) -> None:
        self.language = language
        # Merged once: a generation of M asks its four trees' labels for 1.2 million words.
        own = {key: word for key, word in TRANSLATIONS.get(language, {}).items() if word}
        self._words: Mapping[str, str] = {**EN, **own}

    def __getitem__(self, key: str) -> str:
        return self._words[key]

    def format(self, key: str, **values: str) -> str:
        return self[key].format(**values)

    def count_comments(self, count: int) -> str:
        """ "1 comment", "3 comments" in English; elsewhere one form for every count
        (:mod:`.history_labels` says why)."""
        key = "count_comment_one" if count == 1 else "count_comment_other"
        return self.format(key, count=str(count))

    def language_name(self, language: str) -> str:
        """``language`` named as a sentence in this tree's language would name it."""
        names = LANGUAGE_IN.get(self.language, ENGLISH_NAMES)
        return names.get(language) or ENGLISH_NAMES.get(language) or language
