#!/usr/bin/env python3
"""Write a synthetic knowledge base in Redraft's format, at a chosen scale, from a fixed seed.

    .venv/bin/python scripts/synth_kb.py OUT --scale S|M|L [--guidelines N] [--versions N]
        [--parties N] [--comments N] [--languages zh,fr,ar] [--seed N]

Scales (every figure can be overridden by its option):

    S    30 guidelines,  4 versions,  30 parties,    500 comments
    M   150 guidelines,  8 versions,  80 parties,  5,000 comments
    L   300 guidelines, 12 versions, 140 parties, 15,000 comments

``--versions`` counts the working draft: ``--versions 4`` is three released versions and the draft.
Every released version is sealed (manifest and hash, through ``redraft seal``'s own function), so
``redraft check`` proves it unchanged; the result checks with no error.

From one version to the next, a drafting secretariat's churn: paragraphs reworded (the passages of
accepted comments first, with the proposed words where there were some), paragraphs inserted and
deleted (relettering keeps the old anchors through ``{#id}``), guidelines moved to another part,
renumbered, retitled, merged (``merged_from``), split (``split_from``, with editors' retarget
records for the comments that followed the text), replaced (``replaces``), deleted and added.
Guidelines have three to eight paragraphs of 30 to 90 words, some an explanatory note; some are
translated (Chinese, French, Arabic by default) from the first third of the versions on. Each
released version gets a call for comments; about half of the parties reply, in their own
language, some twice, a few restricted; each comment names a guideline, usually a paragraph and
often quoted words, with a disposition, a rationale and the version that addressed it.

The same seed and options give byte-identical files.  Nothing here reads the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from redraft.release.seal import seal_version  # noqa: E402

SCALES: dict[str, dict[str, int]] = {
    "S": {"guidelines": 30, "versions": 4, "parties": 30, "comments": 500},
    "M": {"guidelines": 150, "versions": 8, "parties": 80, "comments": 5_000},
    "L": {"guidelines": 300, "versions": 12, "parties": 140, "comments": 15_000},
}
DEFAULT_LANGUAGES = ("zh", "fr", "ar")
TRANSLATED_SHARE = {"zh": 0.3, "fr": 0.15, "ar": 0.1, "es": 0.1, "ru": 0.1}

# -- vocabulary (written for this generator) -------------------------------------------------

SUBJECTS = [
    "States parties", "Each State party", "The competent authority", "The asset management office",
    "The court", "The requesting State", "The requested State", "The prosecuting authority",
    "The custodian", "Domestic legislation", "The supervisory body", "The administrator",
]  # fmt: skip
MODALS = ["should", "shall", "may", "are encouraged to", "should consider whether to", "could"]
VERBS = [
    "ensure that", "provide that", "establish procedures by which", "consider measures by which",
    "set out the conditions under which", "take steps so that", "make arrangements so that",
]  # fmt: skip
CLAUSES = [
    "frozen, seized and confiscated assets are managed so as to preserve their value",
    "the management of assets is planned before any seizure takes place",
    "an office is designated to manage seized assets on behalf of the State",
    "perishable or rapidly depreciating assets may be sold before final confiscation",
    "a register of seized assets records their value, location and condition",
    "seized companies continue to trade lawfully under the supervision of a manager",
    "confiscated assets may be used for social purposes in the community concerned",
    "the compensation of victims is given priority over other uses of the proceeds",
    "the private keys of seized virtual assets are held by a licensed custodian",
    "the costs of maintaining an asset are weighed against its expected value",
    "bona fide third parties may assert their rights before an independent court",
    "the proceeds of an interlocutory sale are kept in a dedicated account",
    "information on the assets under management is published at regular intervals",
    "foreign freezing and seizure orders can be recognized and enforced",
    "the office has the staff, expertise and funds that its functions require",
    "assets are valued by an independent expert at the time of seizure",
    "real estate is insured and maintained until a final decision is taken",
    "livestock and other living assets are cared for by a qualified keeper",
    "records of every decision concerning an asset are kept for audit",
    "the owner is heard before any decision to sell or destroy an asset",
]  # fmt: skip
QUALIFIERS = [
    "in accordance with domestic law", "where appropriate", "with the consent of the owner",
    "subject to judicial oversight", "without undue delay", "in a transparent manner",
    "taking into account the rights of bona fide third parties", "as far as practicable",
    "in consultation with the competent authorities", "at the earliest possible stage",
    "within a reasonable time", "unless the court decides otherwise",
]  # fmt: skip
REPLACEMENTS = [
    ("should", "shall"), ("may", "should"), ("assets", "property"), ("value", "economic value"),
    ("office", "agency"), ("court", "competent court"), ("kept", "maintained"),
    ("published", "made public"), ("regular", "periodic"), ("expert", "qualified valuer"),
    ("owner", "owner or holder"), ("manager", "court-appointed manager"),
]  # fmt: skip

ASPECTS = [
    "planning", "valuation", "custody", "insurance", "interlocutory sale", "disposal",
    "social reuse", "record-keeping", "transparency", "costs", "third-party rights", "return",
    "victim compensation", "oversight", "training", "destruction", "interim use", "audit",
    "storage", "maintenance", "registration", "funding", "reporting", "data protection",
]  # fmt: skip
THINGS = [
    "real estate", "virtual assets", "perishable goods", "bank accounts", "companies",
    "vehicles", "vessels", "aircraft", "livestock", "works of art", "securities", "jewellery",
    "cash", "agricultural land", "intellectual property", "weapons", "fuel", "pharmaceuticals",
    "domain names", "shares", "receivables", "hotels", "mines", "precious metals",
]  # fmt: skip
PART_TITLES = [
    ("planning", "Planning and institutional arrangements"),
    ("management", "Administration of assets before final confiscation"),
    ("disposal", "Disposal of confiscated assets"),
    ("cooperation", "International cooperation"),
    ("oversight", "Oversight, transparency and accountability"),
    ("victims", "Victims and third parties"),
    ("special", "Assets requiring special care"),
    ("capacity", "Capacity-building and training"),
    ("data", "Information and data management"),
    ("costs", "Costs and funding"),
    ("legal", "Legal framework"),
    ("final", "Final provisions"),
]
NEW_ANCHOR_WORDS = [
    "office-role", "consent", "review", "notice", "valuer", "account", "appeal", "register",
    "hearing", "custodian", "deadline", "safeguard", "exception", "report", "costs", "priority",
]  # fmt: skip

FOREIGN = {
    "zh": [
        "各国应确保对被扣押的资产进行妥善管理",
        "主管机关应在扣押前制定管理计划",
        "资产管理机构应定期公布有关信息",
        "应优先考虑对受害人的赔偿",
        "被扣押的企业可在监督下继续经营",
        "善意第三方的权利应得到保护",
        "建议对本项作出更明确的规定",
        "本国法律和适用的条约应予以考虑",
    ],
    "fr": [
        "Les États devraient veiller à la bonne gestion des avoirs saisis",
        "l'autorité compétente établit un plan de gestion avant la saisie",
        "le bureau de gestion publie régulièrement des informations",
        "l'indemnisation des victimes devrait avoir la priorité",
        "les droits des tiers de bonne foi doivent être protégés",
        "il est proposé de préciser le libellé de cet alinéa",
        "conformément au droit interne et aux traités applicables",
    ],
    "es": [
        "Los Estados deberían velar por la buena administración de los bienes incautados",
        "la autoridad competente debería elaborar un plan antes de la incautación",
        "la oficina de administración publicará información periódicamente",
        "se propone aclarar la redacción de este apartado",
        "de conformidad con el derecho interno y los tratados aplicables",
        "los derechos de los terceros de buena fe deben protegerse",
    ],
    "ar": [
        "ينبغي للدول أن تكفل حسن إدارة الموجودات المحجوزة",
        "تضع السلطة المختصة خطة للإدارة قبل الحجز",
        "ينبغي إعطاء الأولوية لتعويض الضحايا",
        "يقترح توضيح صياغة هذه الفقرة",
        "وفقا للقانون الداخلي والمعاهدات السارية",
        "ينبغي حماية حقوق الأطراف الثالثة الحسنة النية",
    ],
    "ru": [
        "Государствам следует обеспечить надлежащее управление арестованными активами",
        "компетентный орган разрабатывает план управления до ареста",
        "предлагается уточнить формулировку этого пункта",
        "в соответствии с внутренним правом и применимыми договорами",
        "права добросовестных третьих сторон должны быть защищены",
    ],
}
OPENINGS = {
    "en": "The Permanent Mission presents its compliments to the Secretariat and, with reference "
    "to the note verbale of {date}, has the honour to transmit the following comments.",
    "fr": "La Mission permanente présente ses compliments au Secrétariat et, se référant à la "
    "note verbale du {date}, a l'honneur de lui transmettre les observations suivantes.",
    "es": "La Misión Permanente saluda atentamente a la Secretaría y, con referencia a la nota "
    "verbal de {date}, tiene el honor de transmitir las siguientes observaciones.",
    "zh": "常驻代表团向秘书处致意，并谨提及{date}的普通照会，提出以下意见。",
    "ar": "تهدي البعثة الدائمة تحياتها إلى الأمانة وتتشرف، بالإشارة إلى المذكرة الشفوية "
    "المؤرخة {date}، بأن تحيل التعليقات التالية.",
    "ru": "Постоянное представительство свидетельствует свое уважение Секретариату и, ссылаясь на "
    "вербальную ноту от {date}, имеет честь препроводить следующие замечания.",
}

STATES = (
    "AFG Afghanistan|ALB Albania|DZA Algeria|AGO Angola|ARG Argentina|ARM Armenia|AUS Australia|"
    "AUT Austria|AZE Azerbaijan|BHR Bahrain|BGD Bangladesh|BLR Belarus|BEL Belgium|BEN Benin|"
    "BOL Bolivia|BIH Bosnia and Herzegovina|BWA Botswana|BRA Brazil|BGR Bulgaria|BFA Burkina Faso|"
    "KHM Cambodia|CMR Cameroon|CAN Canada|CHL Chile|CHN China|COL Colombia|CRI Costa Rica|"
    "CIV Côte d'Ivoire|HRV Croatia|CUB Cuba|CYP Cyprus|CZE Czechia|DNK Denmark|"
    "DOM Dominican Republic|ECU Ecuador|EGY Egypt|SLV El Salvador|EST Estonia|ETH Ethiopia|"
    "FJI Fiji|FIN Finland|FRA France|"
    "GAB Gabon|GEO Georgia|DEU Germany|GHA Ghana|GRC Greece|GTM Guatemala|HND Honduras|HUN Hungary|"
    "ISL Iceland|IND India|IDN Indonesia|IRQ Iraq|IRL Ireland|ISR Israel|ITA Italy|JAM Jamaica|"
    "JPN Japan|JOR Jordan|KAZ Kazakhstan|KEN Kenya|KWT Kuwait|KGZ Kyrgyzstan|LVA Latvia|"
    "LBN Lebanon|LBR Liberia|LBY Libya|LTU Lithuania|LUX Luxembourg|MDG Madagascar|MWI Malawi|"
    "MYS Malaysia|MDV Maldives|MLI Mali|MLT Malta|MRT Mauritania|MUS Mauritius|MEX Mexico|"
    "MNG Mongolia|MNE Montenegro|MAR Morocco|MOZ Mozambique|MMR Myanmar|NAM Namibia|NPL Nepal|"
    "NLD Netherlands|NZL New Zealand|NIC Nicaragua|NER Niger|NGA Nigeria|MKD North Macedonia|"
    "NOR Norway|OMN Oman|PAK Pakistan|PAN Panama|PRY Paraguay|PER Peru|PHL Philippines|POL Poland|"
    "PRT Portugal|QAT Qatar|KOR Republic of Korea|MDA Republic of Moldova|ROU Romania|"
    "RUS Russian Federation|RWA Rwanda|SAU Saudi Arabia|SEN Senegal|SRB Serbia|SLE Sierra Leone|"
    "SGP Singapore|SVK Slovakia|SVN Slovenia|ZAF South Africa|ESP Spain|LKA Sri Lanka|"
    "PSE State of Palestine|SDN Sudan|SWE Sweden|CHE Switzerland|TJK Tajikistan|THA Thailand|"
    "TGO Togo|TTO Trinidad and Tobago|TUN Tunisia|TUR Türkiye|UGA Uganda|UKR Ukraine|"
    "ARE United Arab Emirates|GBR United Kingdom|TZA United Republic of Tanzania|"
    "USA United States of America|URY Uruguay|UZB Uzbekistan|VEN Venezuela|VNM Viet Nam|"
    "YEM Yemen|ZMB Zambia|ZWE Zimbabwe"
)
OBSERVERS = [
    ("EU", "European Union"), ("UNODC", "United Nations Office on Drugs and Crime"),
    ("OECD", "Organisation for Economic Co-operation and Development"),
    ("INTERPOL", "International Criminal Police Organization"), ("CARIN", "Camden Asset Recovery "
    "Inter-Agency Network"), ("IACA", "International Anti-Corruption Academy"),
]  # fmt: skip
LANGUAGE_OF = {
    "FRA": "fr", "BEL": "fr", "LUX": "fr", "SEN": "fr", "CIV": "fr", "MLI": "fr", "BEN": "fr",
    "TGO": "fr", "NER": "fr", "GAB": "fr", "MDG": "fr", "BFA": "fr", "CMR": "fr", "MAR": "fr",
    "TUN": "fr", "DZA": "ar", "EGY": "ar", "SAU": "ar", "JOR": "ar", "LBN": "ar", "IRQ": "ar",
    "KWT": "ar", "QAT": "ar", "OMN": "ar", "BHR": "ar", "ARE": "ar", "YEM": "ar", "LBY": "ar",
    "SDN": "ar", "PSE": "ar", "MRT": "ar", "CHN": "zh", "RUS": "ru", "BLR": "ru", "KAZ": "ru",
    "KGZ": "ru", "TJK": "ru", "ARG": "es", "BOL": "es", "CHL": "es", "COL": "es", "CRI": "es",
    "CUB": "es", "DOM": "es", "ECU": "es", "SLV": "es", "GTM": "es", "HND": "es", "MEX": "es",
    "NIC": "es", "PAN": "es", "PRY": "es", "PER": "es", "ESP": "es", "URY": "es", "VEN": "es",
}  # fmt: skip
DISPOSITIONS = [
    ("accepted", 30), ("partially-accepted", 15), ("not-accepted", 20), ("noted", 20),
    ("pending", 15),
]  # fmt: skip


# -- the state of the draft ------------------------------------------------------------------


@dataclass
class Paragraph:
    anchor: str  # the stable id; "" for a note paragraph (anchored note-1, note-2, … by position)
    text: str


@dataclass
class GuidelineState:
    id: str
    title: str
    part: str
    body: list[Paragraph]
    note: list[Paragraph] = field(default_factory=list)
    lineage: dict[str, Any] = field(default_factory=dict)  # for the version it happened in only
    translated: set[str] = field(default_factory=set)

    def anchors(self) -> list[tuple[str, str]]:
        """(anchor, text) of every paragraph, as Redraft will read them."""
        found = [(p.anchor, p.text) for p in self.body]
        found += [(f"note-{n}", p.text) for n, p in enumerate(self.note, start=1)]
        return found


@dataclass
class Spec:
    guidelines: int
    versions: int
    parties: int
    comments: int
    languages: tuple[str, ...]
    seed: int


@dataclass
class Summary:
    versions: list[str] = field(default_factory=list)
    guidelines: dict[str, int] = field(default_factory=dict)  # version → guidelines
    parties: int = 0
    calls: int = 0
    submissions: int = 0
    comments: int = 0
    churn: dict[str, int] = field(default_factory=dict)
    translations: dict[str, int] = field(default_factory=dict)  # language → files

    def add(self, kind: str, count: int = 1) -> None:
        self.churn[kind] = self.churn.get(kind, 0) + count


class Generator:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.taken_ids: set[str] = set()
        self.guidelines: dict[str, GuidelineState] = {}
        self.parts: list[tuple[str, str]] = []
        self.order: dict[str, list[str]] = {}  # part → guideline ids in order
        self.summary = Summary()
        self.anchor_serial = 0

    # -- text -----------------------------------------------------------------------------

    def sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(SUBJECTS), rng.choice(MODALS), rng.choice(VERBS), rng.choice(CLAUSES)]
        words += rng.sample(QUALIFIERS, rng.choice([0, 0, 1, 1, 2]))
        return " ".join(words) + "."

    def paragraph_text(self, low: int = 30, high: int = 90) -> str:
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < target - 6:
            sentences.append(self.sentence())
        if len(sentences) > 1 and sum(len(s.split()) for s in sentences) > high:
            sentences.pop()  # never much longer than asked
        words = " ".join(sentences).split()
        if self.rng.random() < 0.1:  # a word in emphasis
            at = self.rng.randrange(len(words))
            if words[at].isalpha():
                words[at] = f"*{words[at]}*"
        return " ".join(words)

    def foreign(self, language: str, low: int, high: int) -> str:
        """Text of ``low`` to ``high`` words in ``language`` (English prose, or phrases)."""
        rng = self.rng
        if language == "en":
            return self.paragraph_text(low, high)
        pieces = FOREIGN[language]
        joiner = "" if language == "zh" else " "
        stop = "。" if language == "zh" else "."
        count = max(1, rng.randint(low, high) // (12 if language != "zh" else 20))
        out = [rng.choice(pieces) + stop for _ in range(count)]
        return joiner.join(out)

    def reword(self, text: str) -> str:
        """One to three edits of the kind a drafter makes: a word changed, a qualifier added,
        a few words dropped."""
        rng = self.rng
        words = text.split()
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.4:
                candidates = [
                    i for i, w in enumerate(words) if any(w == a for a, _ in REPLACEMENTS)
                ]
                if candidates:
                    i = rng.choice(candidates)
                    words[i] = dict(REPLACEMENTS)[words[i]]
                    continue
            if kind < 0.75 or len(words) < 25:
                at = rng.randrange(1, len(words))
                words[at:at] = [*rng.choice(QUALIFIERS).split(), "and"]
            else:
                at = rng.randrange(1, len(words) - 6)
                del words[at : at + rng.randint(2, 5)]
        return " ".join(words)

    # -- identifiers ----------------------------------------------------------------------

    def new_guideline_id(self) -> tuple[str, str]:
        for _ in range(1000):
            aspect, thing = self.rng.choice(ASPECTS), self.rng.choice(THINGS)
            slug = f"{aspect}-{thing}".replace(" ", "-").replace("'", "")
            if slug not in self.taken_ids:
                break
        else:
            slug = f"{slug}-{len(self.taken_ids)}"
        n = 2
        base = slug
        while slug in self.taken_ids:
            slug = f"{base}-{n}"
            n += 1
        self.taken_ids.add(slug)
        return slug, f"{aspect.capitalize()} of {thing}"

    def new_anchor(self) -> str:
        self.anchor_serial += 1
        return f"{self.rng.choice(NEW_ANCHOR_WORDS)}-{self.anchor_serial}"

    def fresh_guideline(self, part: str, paragraphs: list[str] | None = None) -> GuidelineState:
        gid, title = self.new_guideline_id()
        texts = paragraphs or [self.paragraph_text() for _ in range(self.rng.randint(3, 8))]
        body = [Paragraph(_letter(i), t) for i, t in enumerate(texts)]
        note = []
        if self.rng.random() < 0.4:
            note = [Paragraph("", self.paragraph_text()) for _ in range(self.rng.randint(1, 3))]
        state = GuidelineState(gid, title, part, body, note)
        self.guidelines[gid] = state
        return state

    # -- the first version ----------------------------------------------------------------

    def initial(self) -> None:
        count = self.spec.guidelines
        part_count = max(2, min(len(PART_TITLES), round(count / 25)))
        self.parts = PART_TITLES[:part_count]
        for pid, _ in self.parts:
            self.order[pid] = []
        for i in range(count):
            pid = self.parts[i * part_count // count][0]
            self.order[pid].append(self.fresh_guideline(pid).id)

    def current_ids(self) -> list[str]:
        return [gid for pid, _ in self.parts for gid in self.order[pid]]

    # -- churn between two versions -------------------------------------------------------

    def churn(
        self, accepted: Sequence[dict[str, Any]], version_index: int
    ) -> dict[str, tuple[str, str, str]]:
        """Turn the current state into the next version's.  Returns, for every paragraph of a
        guideline split in two, ``"<old id>#<anchor>"`` → (new id, new anchor, its text), for
        retarget records."""
        rng = self.rng
        for state in self.guidelines.values():
            state.lineage = {}
        existing = set(self.current_ids())  # lineage may only name these
        count = len(existing)

        def some(share: float) -> int:
            return max(1, round(count * share * rng.uniform(0.6, 1.4)))

        # Accepted comments first: the passage they were about changes.
        for comment in accepted:
            state = self.guidelines.get(comment["guideline"])
            if state is None:
                continue
            target = _find(state, comment.get("paragraph")) or (
                state.body[0] if state.body else None
            )
            if target is None:
                continue
            quote, proposed = comment.get("quote"), comment.get("proposed")
            if quote and proposed and quote in target.text:
                target.text = target.text.replace(quote, proposed, 1)
            else:
                target.text = self.reword(target.text)
            self.summary.add("reworded paragraphs")
        ids = self.current_ids()
        for gid in rng.sample(ids, some(0.2)):
            state = self.guidelines[gid]
            for paragraph in rng.sample(state.body, min(len(state.body), rng.randint(1, 2))):
                paragraph.text = self.reword(paragraph.text)
                self.summary.add("reworded paragraphs")
            if state.note and rng.random() < 0.3:
                state.note[0].text = self.reword(state.note[0].text)
                self.summary.add("reworded paragraphs")
        for gid in rng.sample(ids, some(0.04)):  # a paragraph inserted: the rest are relettered
            state = self.guidelines[gid]
            if len(state.body) < 9:
                at = rng.randrange(len(state.body) + 1)
                state.body.insert(at, Paragraph(self.new_anchor(), self.paragraph_text()))
                self.summary.add("inserted paragraphs")
        for gid in rng.sample(ids, some(0.03)):  # a paragraph deleted
            state = self.guidelines[gid]
            if len(state.body) > 3:
                del state.body[rng.randrange(len(state.body))]
                self.summary.add("deleted paragraphs")
        for gid in rng.sample(ids, some(0.03)):
            state = self.guidelines[gid]
            state.title = state.title + rng.choice([" and related measures", " in practice"])
            if len(state.title) > 120:
                state.title = state.title.split(" and related")[0]
            self.summary.add("retitled")
        for gid in rng.sample(ids, some(0.04)):  # moved, often into another part
            state = self.guidelines[gid]
            self.order[state.part].remove(gid)
            pid = rng.choice(self.parts)[0]
            state.part = pid
            self.order[pid].insert(rng.randrange(len(self.order[pid]) + 1), gid)
            self.summary.add("moved")
        splits: dict[str, tuple[str, str, str]] = {}
        ids = self.current_ids()
        for gid in rng.sample(ids, some(0.01)):  # split into two new guidelines
            state = self.guidelines[gid]
            if len(state.body) < 4:
                continue
            half = len(state.body) // 2
            place = self.order[state.part]
            at = place.index(gid)
            new_ids = []
            for chunk in (state.body[:half], state.body[half:]):
                new = self.fresh_guideline(state.part, [p.text for p in chunk])
                new.lineage = {"split_from": gid}
                new_ids.append(new.id)
                for n, old in enumerate(chunk):
                    splits[f"{gid}#{old.anchor}"] = (new.id, _letter(n), old.text)
            place[at : at + 1] = new_ids
            self.summary.add("split")
        ids = self.current_ids()
        for _ in range(some(0.01)):  # two neighbours merged into a new guideline
            pid = rng.choice([p for p, _ in self.parts if len(self.order[p]) >= 3] or [None])
            if pid is None:
                break
            place = self.order[pid]
            at = rng.randrange(len(place) - 1)
            if not {place[at], place[at + 1]} <= existing:
                continue
            first, second = self.guidelines[place[at]], self.guidelines[place[at + 1]]
            texts = [p.text for p in first.body + second.body][:8]
            merged = self.fresh_guideline(pid, texts)
            merged.lineage = {"merged_from": [first.id, second.id]}
            place[at : at + 2] = [merged.id]
            self.summary.add("merged")
        replace = rng.random() < 0.5  # the first deletion is, half the time, a replacement
        candidates = [g for g in self.current_ids() if g in existing]
        for gid in rng.sample(candidates, min(len(candidates), some(0.02) + 1)):  # deleted
            state = self.guidelines[gid]
            place = self.order[state.part]
            if len(place) < 3:
                continue
            at = place.index(gid)
            del place[at]
            if replace:
                new = self.fresh_guideline(state.part)
                new.lineage = {"replaces": gid}
                place.insert(at, new.id)
                replace = False
                self.summary.add("replaced")
            else:
                self.summary.add("deleted")
        for _ in range(some(0.025)):  # new guidelines
            pid = rng.choice(self.parts)[0]
            new = self.fresh_guideline(pid)
            self.order[pid].insert(rng.randrange(len(self.order[pid]) + 1), new.id)
            self.summary.add("added")
        # Translations grow: from the first third of the versions on, a share of each language.
        if version_index >= max(1, self.spec.versions // 3):
            for language in self.spec.languages:
                share = TRANSLATED_SHARE.get(language, 0.1)
                for gid in self.current_ids():
                    if rng.random() < share / 2:
                        self.guidelines[gid].translated.add(language)
        return splits

    # -- comments -------------------------------------------------------------------------

    def comment(self, cid: str, language: str, last_call: bool) -> dict[str, Any]:
        rng = self.rng
        state = self.guidelines[rng.choice(self.current_ids())]
        entry: dict[str, Any] = {"id": cid, "guideline": state.id}
        kind = rng.choices(["general", "technical", "editorial"], [15, 55, 30])[0]
        anchors = state.anchors()
        if kind != "general" or rng.random() < 0.3:
            anchor, text = rng.choice(anchors)
            entry["paragraph"] = anchor
            words = text.split()
            if rng.random() < 0.7 and len(words) > 8:
                size = rng.randint(3, 7)
                for _ in range(5):
                    at = rng.randrange(len(words) - size)
                    window = words[at : at + size]
                    if not any("*" in w for w in window):
                        entry["quote"] = " ".join(window)
                        break
        entry["type"] = kind
        entry["text"] = self.foreign(language, 15, 60)
        if "quote" in entry and rng.random() < 0.4:
            entry["proposed"] = (
                self.reword(entry["quote"] + " " + rng.choice(QUALIFIERS))
                if language == "en"
                else self.foreign(language, 5, 15)
            )
        weights = [w for _, w in DISPOSITIONS]
        if not last_call:
            weights[-1] = 2  # decisions were taken on older calls
        disposition = rng.choices([d for d, _ in DISPOSITIONS], weights)[0]
        if last_call and rng.random() < 0.5:
            disposition = "pending"
        entry["disposition"] = disposition
        if disposition != "pending":
            entry["rationale"] = self.paragraph_text(10, 40)
        return entry


def _letter(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index]


def _find(state: GuidelineState, anchor: str | None) -> Paragraph | None:
    if anchor is None:
        return None
    for found, paragraph in zip(
        [a for a, _ in state.anchors()], [*state.body, *state.note], strict=True
    ):
        if found == anchor:
            return paragraph
    return None


def _roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# -- writing ---------------------------------------------------------------------------------


def guideline_markdown(state: GuidelineState, number: int) -> str:
    front: dict[str, Any] = {
        "id": state.id,
        "number": str(number),
        "title": state.title,
        "part": state.part,
    }
    front.update(state.lineage)
    blocks = []
    for i, paragraph in enumerate(state.body):
        label = _letter(i)
        explicit = f" {{#{paragraph.anchor}}}" if paragraph.anchor != label else ""
        blocks.append(_wrap(f"({label}) {paragraph.text}{explicit}"))
    if state.note:
        blocks.append("## Explanatory note")
        blocks += [_wrap(p.text) for p in state.note]
    return f"---\n{_dump(front)}---\n\n" + "\n\n".join(blocks) + "\n"


def translation_markdown(state: GuidelineState, language: str, seed: int) -> str:
    # Each paragraph's translation depends only on its text: unchanged text, unchanged file.
    title_rng = random.Random(f"{seed}/{language}/{state.title}")
    title = FOREIGN[language][title_rng.randrange(len(FOREIGN[language]))][:60]
    blocks = []
    for i, paragraph in enumerate(state.body):
        label = _letter(i)
        explicit = f" {{#{paragraph.anchor}}}" if paragraph.anchor != label else ""
        text = _translate(paragraph.text, language, seed)
        blocks.append(_wrap(f"({label}) {text}{explicit}"))
    if state.note:
        blocks.append("## Explanatory note")
        blocks += [_wrap(_translate(p.text, language, seed)) for p in state.note]
    front = _dump({"id": state.id, "title": title})
    return f"---\n{front}---\n\n" + "\n\n".join(blocks) + "\n"


def _translate(text: str, language: str, seed: int) -> str:
    rng = random.Random(f"{seed}/{language}/{text}")
    pieces = FOREIGN[language]
    count = max(1, len(text.split()) // (12 if language != "zh" else 20))
    stop = "。" if language == "zh" else "."
    return ("" if language == "zh" else " ").join(rng.choice(pieces) + stop for _ in range(count))


class Writer:
    def __init__(self, root: Path, generator: Generator) -> None:
        self.root = root
        self.gen = generator

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    def version(self, folder: str, title: str, introduction: str) -> int:
        gen = self.gen
        number = 0
        parts = []
        translated: dict[str, int] = {}
        for pid, part_title in gen.parts:
            ids = gen.order[pid]
            if not ids:
                continue
            parts.append(
                {
                    "id": pid,
                    "number": _roman(len(parts) + 1),
                    "title": part_title,
                    "guidelines": ids,
                }
            )
            for gid in ids:
                number += 1
                state = gen.guidelines[gid]
                self.write(f"guidelines/{folder}/{gid}.md", guideline_markdown(state, number))
                for language in sorted(state.translated):
                    self.write(
                        f"guidelines/{folder}/{gid}.{language}.md",
                        translation_markdown(state, language, gen.spec.seed),
                    )
                    translated[language] = translated.get(language, 0) + 1
        outline = {"title": title, "language": "en", "introduction": introduction, "parts": parts}
        self.write(f"guidelines/{folder}/outline.yml", _dump(outline))
        for language in sorted(translated):
            self.write(
                f"guidelines/{folder}/outline.{language}.yml",
                _dump(
                    {
                        "title": _translate(title, language, gen.spec.seed),
                        "parts": [
                            {"id": p["id"], "title": _translate(p["title"], language, 0)}
                            for p in parts
                        ],
                    }
                ),
            )
            gen.summary.translations[language] = (
                gen.summary.translations.get(language, 0) + translated[language]
            )
        return number


def generate(out: Path, spec: Spec) -> Summary:
    """Write the knowledge base into ``out`` (which must not exist or be empty)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SystemExit(f"{out}: exists and is not an empty folder; give a new folder")
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(spec)
    writer = Writer(out, gen)
    rng = gen.rng
    summary = gen.summary

    # Parties: States, and a twentieth observers.
    states = [tuple(entry.split(" ", 1)) for entry in STATES.split("|")]
    observers = min(len(OBSERVERS), max(1, spec.parties // 20))
    chosen_states = sorted(rng.sample(states, min(len(states), spec.parties - observers)))
    parties = [{"code": c, "name": n, "type": "state"} for c, n in chosen_states]
    parties += [{"code": c, "name": n, "type": "observer"} for c, n in OBSERVERS[:observers]]
    summary.parties = len(parties)
    writer.write("comments/parties.yml", _dump({"parties": parties}))
    writer.write(
        "redraft.yml",
        _dump(
            {
                "title": "Synthetic non-binding guidelines on the management of seized assets",
                "body": "Synthetic Working Group",
                "submissions_notice": "Every submission here was generated by "
                "scripts/synth_kb.py; none states the position of any Government.",
            }
        ),
    )

    released = spec.versions - 1
    version_ids: list[str] = []
    dates: list[dt.date] = []
    day = dt.date(2012, 3, 1)
    for k in range(released):
        version_ids.append(f"{day.year}-{k + 1}")
        dates.append(day)
        day += dt.timedelta(days=rng.randint(170, 230))
    version_ids.append("draft")
    dates.append(day)  # when the draft's retarget records are dated from
    summary.versions = version_ids

    gen.initial()
    introduction = " ".join(gen.paragraph_text(40, 70) for _ in range(2))
    entries: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []
    submissions: list[tuple[str, dict[str, Any]]] = []  # written last: retargets come later
    # Comments per call: equal shares of the total, the rounding on the last call.
    per_call = [spec.comments // released] * released
    per_call[-1] += spec.comments - sum(per_call)
    for k, version_id in enumerate(version_ids):
        title = (
            "Draft non-binding guidelines on the management of seized assets"
            if k == 0
            else "Revised draft non-binding guidelines on the management of seized assets"
        )
        if k and rng.random() < 0.5:
            introduction = gen.reword(introduction)
        summary.guidelines[version_id] = writer.version(
            version_id, title, _wrap(introduction) + "\n"
        )
        if version_id == "draft":
            break
        entries.append(
            {
                "id": version_id,
                "title": title,
                "symbol": f"SYN/WG.2/{dates[k].year}/{k + 1}",
                "date": dates[k].isoformat(),
                "meeting": f"Synthetic Working Group, meeting {k + 1}, Vienna",
                "status": "released",
            }
        )
        # The call on this version and its replies.
        call_id = f"{version_id}-nv"
        call_date = dates[k] + dt.timedelta(days=rng.randint(15, 40))
        deadline = call_date + dt.timedelta(days=60)
        calls.append(
            {
                "id": call_id,
                "reference": f"CU {call_date.year}/{100 + k}/SYN",
                "date": call_date.isoformat(),
                "version": version_id,
                "deadline": deadline.isoformat(),
                "invited": "all",
            }
        )
        replying = sorted(
            rng.sample(parties, max(1, round(len(parties) * rng.uniform(0.35, 0.65)))),
            key=lambda p: str(p["code"]),
        )
        files: list[tuple[str, str]] = []  # (party code, file name)
        for party in replying:
            files.append((party["code"], party["code"]))
            if rng.random() < 0.05:
                files.append((party["code"], f"{party['code']}-2"))
        shares = [rng.uniform(0.3, 1.7) for _ in files]
        counts = [int(per_call[k] * s / sum(shares)) for s in shares]
        for i in range(per_call[k] - sum(counts)):
            counts[i % len(counts)] += 1
        last_call = k == released - 1
        accepted: list[dict[str, Any]] = []
        this_call: list[dict[str, Any]] = []
        for (code, name), n in zip(files, counts, strict=True):
            language = LANGUAGE_OF.get(code, "en")
            received = call_date + dt.timedelta(days=rng.randint(5, 85))  # some are late
            comments = []
            for j in range(n):
                entry = gen.comment(f"{name.lower()}-{version_id}-{j + 1}", language, last_call)
                if entry["disposition"] in ("accepted", "partially-accepted", "noted"):
                    entry["addressed_in"] = version_ids[k + 1]
                if entry["disposition"] == "accepted":
                    accepted.append(entry)
                comments.append(entry)
            this_call += comments
            summary.comments += len(comments)
            opening = OPENINGS[language].format(date=call_date.isoformat())
            items = [
                f"{i}. {c['guideline']}"
                + (f" ({c['paragraph']})" if "paragraph" in c else "")
                + f": {c['text']}"
                for i, c in enumerate(comments, start=1)
            ]
            submissions.append(
                (
                    f"comments/submissions/{call_id}/{name}.yml",
                    {
                        "party": code,
                        "call": call_id,
                        "received": received.isoformat(),
                        "reference": f"Note {rng.randint(1, 400)}/{received.year}",
                        "language": language,
                        "visibility": "restricted" if rng.random() < 0.03 else "public",
                        "text": "\n\n".join([opening, *items]) + "\n",
                        "comments": comments,
                    },
                )
            )
        splits = gen.churn(accepted, k + 1)
        # Editors confirm where most comments on a split guideline now belong.
        for comment in this_call:
            moved = splits.get(f"{comment['guideline']}#{comment.get('paragraph')}")
            if moved is None or rng.random() < 0.3:
                continue
            new_id, new_anchor, text = moved
            record: dict[str, Any] = {
                "version": version_ids[k + 1],
                "guideline": new_id,
                "paragraph": new_anchor,
            }
            if "quote" in comment and comment["quote"] in text:
                record["quote"] = comment["quote"]
            record["by"] = "A. Editor"
            record["date"] = (dates[k + 1] - dt.timedelta(days=5)).isoformat()
            record["note"] = "The paragraph moved when the guideline was split."
            comment["retarget"] = [record]
            summary.add("retargets")
    summary.calls = len(calls)
    summary.submissions = len(submissions)
    for path, submission in submissions:
        writer.write(path, _LiteralDumper.dump(submission))
    writer.write("comments/calls.yml", _dump({"calls": calls}))
    writer.write("guidelines/versions.yml", _dump({"versions": entries}))
    for version_id in version_ids[:-1]:
        seal_version(out, version_id)
    return summary


class _LiteralDumper(yaml.SafeDumper):
    """Multi-line texts as ``|`` blocks, the way an editor writes a reply."""

    @classmethod
    def dump(cls, data: Any) -> str:
        return yaml.dump(data, Dumper=cls, allow_unicode=True, sort_keys=False, width=100)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


_LiteralDumper.add_representer(str, _represent_str)


def spec_from(args: argparse.Namespace) -> Spec:
    base = SCALES[args.scale]
    languages = DEFAULT_LANGUAGES if args.languages is None else tuple(
        code for code in args.languages.split(",") if code
    )  # fmt: skip
    for code in languages:
        if code not in FOREIGN:
            raise SystemExit(f"--languages: '{code}' is not one of {', '.join(sorted(FOREIGN))}")
    spec = Spec(
        guidelines=args.guidelines or base["guidelines"],
        versions=args.versions or base["versions"],
        parties=args.parties or base["parties"],
        comments=base["comments"] if args.comments is None else args.comments,
        languages=languages,
        seed=args.seed,
    )
    if spec.versions < 2:
        raise SystemExit("--versions: at least 2 (one released version and the draft)")
    if spec.guidelines < 6:
        raise SystemExit("--guidelines: at least 6")
    if spec.parties < 2:
        raise SystemExit("--parties: at least 2")
    return spec


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write (new or empty)")
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--guidelines", type=int, help="guidelines in the first version")
    parser.add_argument("--versions", type=int, help="versions, the working draft included")
    parser.add_argument("--parties", type=int, help="parties (a twentieth are observers)")
    parser.add_argument("--comments", type=int, help="comments in all, over every call")
    parser.add_argument(
        "--languages", help="translation languages, comma-separated (default zh,fr,ar; '' none)"
    )
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    summary = generate(args.out, spec_from(args))
    print(json.dumps(summary.__dict__, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
