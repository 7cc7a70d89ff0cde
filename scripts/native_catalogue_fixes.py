# ruff: noqa: E501 (translated sentences are kept whole, one per line)
"""Native-reader fixes over whole catalogues (issue 23, "Catalogues"): French typography, the
Arabic respectful plural, one word per concept in ms/id/vi/ja/fil/pt, member agencies (not
states) in ko/zh/ja, Korean particles attached to fixed nouns.

Run under the catalogue lock, after merge.sh:
    flock /tmp/i18n.lock .venv/bin/python scripts/native_catalogue_fixes.py
It rewrites translations/<locale>/LC_MESSAGES/messages.po and the "tr" entries of the helpers'
JSON files in /tmp/i18n (when present), so a later merge does not bring the old forms back.
tests/test_native_typography.py checks the results over the whole catalogues.
"""
from __future__ import annotations

import glob
import json
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = "ko zh_Hans ja vi th km lo id ms fil ar fr es pt".split()

NBSP, NNBSP = "\u00a0", "\u202f"


# --- French --------------------------------------------------------------------------------
def french(text: str) -> str:
    """No-break space before ':' and inside « », narrow no-break space before ; ? !,
    typographic apostrophe."""
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, text)
    text = re.sub(r"[ \u00a0\u202f]*»", NBSP + "»", text)

    def colon(match: re.Match) -> str:
        return match.group() if match.start() == 0 else NBSP + ":"
    text = re.sub(r"[ \u00a0\u202f]?:(?=\s|$)", colon, text)

    def mark(match: re.Match) -> str:
        return match.group() if match.start() == 0 else NNBSP + match.group(1)
    text = re.sub(r"[ \u00a0\u202f]?([;?!])(?=\s|$|[»\"”)\]])", mark, text)
    text = re.sub(r"(?<=[A-Za-zÀ-ÿœŒ])'(?=[A-Za-zÀ-ÿœŒ%])", "’", text)
    return text


# --- Arabic: the respectful plural ----------------------------------------------------------
# Singular 2nd person (imperatives, the suffix -ك) → plural (-وا, -كم). Words that merely end
# in ك (ذلك، هناك، مشارك) are not listed.
ARABIC_PLURAL = {
    "اختر": "اختاروا", "أدخل": "أدخلوا", "أرسل": "أرسلوا", "اكتب": "اكتبوا", "واكتب": "واكتبوا",
    "اكتبه": "اكتبوه", "أرفق": "أرفقوا", "استخدم": "استخدموا", "اترك": "اتركوا",
    "اتركه": "اتركوه", "أسند": "أسندوا", "اطلب": "اطلبوا", "افتح": "افتحوا", "أعد": "أعيدوا",
    "امسح": "امسحوا", "انقل": "انقلوا", "تحقّق": "تحقّقوا", "حاول": "حاولوا",
    "أخلِ": "أخلوا", "أخلِها": "أخلوها", "عدّلها": "عدّلوها", "حدِّد": "حدِّدوا",
    "حدّد": "حدّدوا", "حرّر": "حرّروا", "افصل": "افصلوا", "أخرج": "أخرجوا", "نزّل": "نزّلوا",
    "اضغط": "اضغطوا", "ألغِ": "ألغوا", "انتظر": "انتظروا", "ابدأ": "ابدأوا", "أرسله": "أرسلوه",
    "راجع": "راجعوا", "تأكد": "تأكدوا", "تأكّد": "تأكّدوا", "ضع": "ضعوا", "اقرأ": "اقرؤوا",
    "عيّن": "عيّنوا", "اسأل": "اسألوا", "أضف": "أضيفوا", "غيّر": "غيّروا", "احفظ": "احفظوا",
    "انقر": "انقروا", "اختره": "اختاروه", "استعمل": "استعملوا",
    "وفدك": "وفدكم", "تسجيلك": "تسجيلكم", "تقويمك": "تقويمكم", "اعتمادك": "اعتمادكم",
    "لديك": "لديكم", "بك": "بكم", "تسميتك": "تسميتكم", "طلبك": "طلبكم", "بياناتك": "بياناتكم",
    "يمكنك": "يمكنكم", "ويمكنك": "ويمكنكم", "فيمكنك": "فيمكنكم", "سفرك": "سفركم", "لك": "لكم",
    "دخولك": "دخولكم", "بريدك": "بريدكم", "عنك": "عنكم", "إليك": "إليكم", "بلغتك": "بلغتكم",
    "أعمالك": "أعمالكم", "لغتك": "لغتكم", "يصلك": "يصلكم", "باسمك": "باسمكم",
    "خروجك": "خروجكم", "بطاقتك": "بطاقتكم", "بصفتك": "بصفتكم", "وسنُبلغك": "وسنُبلغكم",
    "دورك": "دوركم", "حسابك": "حسابكم", "أدوارك": "أدواركم", "وتسجيلاتك": "وتسجيلاتكم",
    "أنت": "أنتم", "عليك": "عليكم", "منك": "منكم", "ردك": "ردكم", "ردّك": "ردّكم",
    "إجابتك": "إجابتكم", "كلمتك": "كلمتكم", "رابطك": "رابطكم", "صفحتك": "صفحتكم",
    "وصلك": "وصلكم", "نشكرك": "نشكركم", "أصدرها": "أصدروها", "انقله": "انقلوه",
    "انقلهما": "انقلوهما", "أغلق": "أغلقوا", "اشترك": "اشتركوا", "احسب": "احسبوا",
    # Verbs whose 2nd person looks like the 3rd feminine: only in phrases that are unambiguous.
    "لم تختر": "لم تختاروا", "لم تطلب": "لم تطلبوا", "لا تشاركه": "لا تشاركوه",
    "إذا كنت": "إذا كنتم", "إن كنت": "إن كنتم",
}
# Buttons speak in the verbal noun, as Arabic interfaces do, rather than in an imperative.
ARABIC_EXACT = {"أرسل الآن": "إرسال الآن", "تحقّق": "تحقُّق",
                "أغلق التصويت واحسب الأصوات": "إغلاق التصويت وفرز الأصوات"}
_AR_WORD = "\u0600-\u06ff"


def arabic(text: str) -> str:
    if text in ARABIC_EXACT:
        return ARABIC_EXACT[text]
    for single, plural in sorted(ARABIC_PLURAL.items(), key=lambda kv: -len(kv[0])):
        # with or without a joined "and" / "then" (و، ف)
        prefix = "[وف]?" if len(single) > 2 else ""  # not وضع (a noun), ولك…
        text = re.sub(rf"(?<![{_AR_WORD}])({prefix}){single}(?![{_AR_WORD}])",
                      lambda m, plural=plural: m.group(1) + plural, text)
    return text


# --- Malay, Indonesian ----------------------------------------------------------------------
def _delegate_only(msgid: str) -> bool:
    return bool(re.search(r"(?i)\bdelegates?\b|\bdelegate's\b", msgid)) and \
        "delegation" not in msgid.lower()


def malay(text: str, msgid: str) -> str:
    """ms: 'delegasi' the delegation, 'ketua delegasi' its head, 'wakil' a delegate,
    'peringatan' only for warnings ('ingatan' is a reminder)."""
    if _delegate_only(msgid):
        text = re.sub(r"\bperwakilan\b", "wakil", text)
        text = re.sub(r"\bPerwakilan\b", "Wakil", text)
    text = re.sub(r"\b([Kk])etua perwakilan\b", r"\1etua delegasi", text)
    text = re.sub(r"\bperwakilannya\b", "delegasinya", text)
    text = re.sub(r"\bperwakilan\b", "delegasi", text)
    text = re.sub(r"\bPerwakilan\b", "Delegasi", text)
    if "warn" not in msgid.lower():
        text = text.replace("Ini adalah peringatan:", "Ini adalah ingatan mesra:")
        text = re.sub(r"\bperingatan\b", "ingatan", text)
        text = re.sub(r"\bPeringatan\b", "Ingatan", text)
    return text


def indonesian(text: str, msgid: str) -> str:
    """id: 'delegasi' is the delegation, 'utusan' a delegate; no 'menyesalkan' (deplore)."""
    if _delegate_only(msgid):
        text = re.sub(r"\bdelegasi\b", "utusan", text)
        text = re.sub(r"\bDelegasi\b", "Utusan", text)
    text = text.replace("Kami menyesalkan bahwa Anda tidak dapat hadir.",
                        "Sayang sekali Anda tidak dapat hadir bersama kami.")
    text = re.sub(r"\bmenyesalkan\b", "menyayangkan", text)
    return text


# --- Korean, Chinese, Japanese --------------------------------------------------------------
KOREAN = {
    "%(host)s, host of %(meeting)s, to be held in %(city)s from %(dates)s at %(venue)s, confirms that the person named below is registered and approved as a member of the delegation of %(agency)s.":
        "%(dates)s %(city)s %(venue)s에서 개최되는 %(meeting)s의 주최 기관 %(host)s 측은 아래 기재된 사람이 %(agency)s 대표단의 일원으로 등록되어 승인되었음을 확인합니다.",
    "%(name)s is already on a trip for this flight.": "%(name)s 님은 이 항공편의 이동편에 이미 배정되어 있습니다.",
    "%(name)s lands at %(time)s: the pickup must leave within three hours after the landing.":
        "%(name)s 님은 %(time)s에 도착합니다. 영접 차량은 착륙 후 3시간 안에 출발해야 합니다.",
    "%(symbol)s has already been issued.": "%(symbol)s 문서는 이미 발행되었습니다.",
    "%(symbol)s has already been withdrawn.": "%(symbol)s 문서는 이미 철회되었습니다.",
    "%(symbol)s has been issued.": "%(symbol)s 문서가 발행되었습니다.",
    "%(symbol)s has been withdrawn: it cannot be revised, corrected or added to.":
        "%(symbol)s 문서는 철회되었습니다. 수정본, 정오표, 추록을 낼 수 없습니다.",
    "%(symbol)s has been withdrawn; it can no longer be changed.": "%(symbol)s 문서는 철회되어 더 이상 변경할 수 없습니다.",
    "%(symbol)s is still a draft: change it, or issue it first.": "%(symbol)s 문서는 아직 초안입니다. 내용을 고치거나 먼저 발행하세요.",
    "%(vehicle)s is on another trip at that time (from %(time)s).": "%(vehicle)s 차량은 그 시간에 다른 이동편이 있습니다(%(time)s부터).",
    "%(vehicle)s is on another trip at that time.": "%(vehicle)s 차량은 그 시간에 다른 이동편이 있습니다.",
    "'%(value)s' is not a valid choice for this field.": "‘%(value)s’ 값은 이 항목에서 선택할 수 없습니다.",
    "A document has been issued for %(meeting)s: %(symbol)s.": "%(meeting)s의 %(symbol)s 문서가 발행되었습니다.",
    "A revised document has been issued for %(meeting)s: %(symbol)s, which replaces %(replaces)s.":
        "%(meeting)s의 수정본인 %(symbol)s 문서가 발행되었습니다. 이 문서는 %(replaces)s 문서를 대체합니다.",
    "Another area of this meeting has the code %(code)s.": "이 회의의 다른 구역이 이미 %(code)s 코드를 사용합니다.",
    "Attach the file of at least one language before issuing %(symbol)s.": "%(symbol)s 문서를 발행하기 전에 적어도 한 언어의 파일을 첨부하세요.",
    "If %(email)s belongs to a secretariat account, a link to choose a new password is on its way. It can be used once and expires after an hour.":
        "%(email)s 주소가 사무국 계정의 주소라면 새 비밀번호를 정하는 링크가 발송 중입니다. 링크는 한 번만 사용할 수 있으며 1시간 후 만료됩니다.",
    "Item %(number)s, “%(title)s”, is back on the agenda.": "‘%(title)s’ 항목(%(number)s)이 의제에 다시 포함되었습니다.",
    "Item %(number)s, “%(title)s”, is cancelled.": "‘%(title)s’ 항목(%(number)s)이 취소되었습니다.",
    "Item %(number)s, “%(title)s”, was added.": "‘%(title)s’ 항목(%(number)s)이 추가되었습니다.",
    "Item %(number)s, “%(title)s”, was removed.": "‘%(title)s’ 항목(%(number)s)이 삭제되었습니다.",
    "Thank you, %(name)s. Your request for accreditation to %(meeting)s in the category %(category)s awaits approval by the secretariat. A confirmation has been sent to %(email)s.":
        "%(name)s 님, 감사합니다. %(meeting)s의 %(category)s 범주 출입 등록 요청이 사무국의 승인을 기다리고 있습니다. 확인 메일을 %(email)s 주소로 보냈습니다.",
    "The symbol %(symbol)s already exists at this meeting; choose another number, or leave it blank for the next free one.":
        "%(symbol)s 기호는 이 회의에 이미 있습니다. 다른 번호를 고르거나, 비워 두어 다음 빈 번호를 쓰세요.",
    "Unknown organisation code “%(code)s”.": "‘%(code)s’ 코드는 등록되지 않은 기관 코드입니다.",
    "“%(name)s” is the name of several organisations (%(codes)s): give the code.":
        "“%(name)s” 이름을 쓰는 기관이 여럿입니다(%(codes)s). 코드를 입력하십시오.",
}
JAPANESE_EXACT = {
    "It is not available in your language yet.": "ご使用の言語版はまだありません。",
    "Someone else saved this text after you opened it. Nothing of yours has been saved. Compare both versions below, then edit the current text again.":
        "本文を開いた後に、他の利用者が保存しました。ご自身の変更内容は保存されていません。以下で両方の版を比較してから、現在の本文をもう一度編集してください。",
}


# A placeholder followed by 은(는), 이(가)… gets a fixed noun that carries the right particle.
KOREAN_NOUNS = {"delegation": "대표단", "symbol": "문서", "name": "님", "vehicle": "차량",
                "email": "주소", "code": "코드", "meeting": "회의", "agency": "기관",
                "organisation": "기관", "source": "회의", "number": "번", "host": "기관"}
_KO_PARTICLES = {"은(는)": ("은", "는"), "는(은)": ("은", "는"), "이(가)": ("이", "가"),
                 "가(이)": ("이", "가"), "을(를)": ("을", "를"), "를(을)": ("을", "를"),
                 "과(와)": ("과", "와"), "와(과)": ("과", "와"), "(으)로": ("으로", "로"),
                 "(이)": ("이", "")}


def _ko_particle(noun: str, workaround: str) -> str:
    with_final, without = _KO_PARTICLES[workaround]
    final = (ord(noun[-1]) - 0xAC00) % 28 if "가" <= noun[-1] <= "힣" else 0
    if workaround == "(으)로" and final == 8:  # ㄹ takes 로
        return "로"
    return with_final if final else without


def korean(text: str, msgid: str) -> str:
    text = KOREAN.get(msgid, text)
    pattern = r"%\((\w+)\)([sd])(은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로)"

    def attach(match: re.Match) -> str:
        noun = KOREAN_NOUNS.get(match.group(1))
        if noun is None:
            return match.group()
        if noun == "번":
            return f"%({match.group(1)}){match.group(2)}{noun}{_ko_particle(noun, match.group(3))}"
        return f"%({match.group(1)}){match.group(2)} {noun}{_ko_particle(noun, match.group(3))}"
    text = re.sub(pattern, attach, text)
    return text.replace("회원국", "회원 기관")


def chinese(text: str, msgid: str) -> str:
    return text.replace("成员国", "成员机构").replace("会员国", "成员机构")


def japanese(text: str, msgid: str) -> str:
    text = JAPANESE_EXACT.get(msgid, text)
    text = text.replace("加盟国", "加盟機関").replace("会合", "会議")
    text = text.replace("あなたを", "貴殿を").replace("あなた宛て", "貴殿宛て")
    text = text.replace("あなたが", "ご自身が").replace("あなたの", "ご自身の")
    return text.replace("あなた", "ご自身")


# --- Vietnamese, Filipino, Portuguese ------------------------------------------------------
def vietnamese(text: str, msgid: str) -> str:
    """vi: one word for the meeting, 'hội nghị' (an international gathering of agencies);
    a reminder is 'Lời nhắc', not 'Nhắc lại' (repeat)."""
    text = text.replace("Nhắc lại:", "Lời nhắc:").replace("cuộc họp", "hội nghị")
    return text.replace("Cuộc họp", "Hội nghị")


FILIPINO_EXACT = {
    "Interpreter": "Tagapagsaling-wika",
    "Key": "Susi",
    "Mobile phone": "Selpon",
    "CSV file": "Talaksang CSV",
    "Time zone": "Sona ng oras",
}


def filipino(text: str, msgid: str) -> str:
    """fil: Filipino words where Filipino has them (sona ng oras, talaksang CSV, susi, selpon,
    tagapagsaling-wika)."""
    if msgid in FILIPINO_EXACT:
        return FILIPINO_EXACT[msgid]
    text = text.replace("template na CSV file", "template na talaksang CSV")
    text = text.replace("CSV file na", "Talaksang CSV na").replace("CSV file", "talaksang CSV")
    text = text.replace("ang key sa ibaba", "ang susi sa ibaba")
    text = text.replace("Time zone", "Sona ng oras").replace("time zone", "sona ng oras")
    text = re.sub(r"\bInterpreter\b", "Tagapagsaling-wika", text)
    text = re.sub(r"\binterpreter\b", "tagapagsaling-wika", text)
    text = re.sub(r"\bmobile phone\b", "selpon", text)
    return text


def portuguese(text: str, msgid: str) -> str:
    """pt: Brazilian Portuguese throughout (arquivo, você, celular, contato, registro)."""
    if msgid == "To the Embassy or Consulate of %(country)s":
        return "À Embaixada ou ao Consulado — %(country)s"
    for eu, br in (("ficheiros", "arquivos"), ("ficheiro", "arquivo"), ("Ficheiro", "Arquivo"),
                   ("Contactos", "Contatos"), ("contactos", "contatos"), ("Contacto", "Contato"),
                   ("contacto", "contato"), ("registos", "registros"), ("registo", "registro"),
                   ("Registo", "Registro"), ("utilizadores", "usuários"),
                   ("utilizador", "usuário"), ("Utilizador", "Usuário"),
                   ("telemóvel", "celular"), ("Telemóvel", "Celular"), ("ecrã", "tela")):
        text = re.sub(rf"\b{eu}\b", br, text)
    return text


def french_locale(text: str, msgid: str) -> str:
    if msgid == "To the Embassy or Consulate of %(country)s":
        text = "À l’attention de l’ambassade ou du consulat (%(country)s)"
    return french(text)


# Thai, Khmer and Lao separate the parts of a phrase with a space, not a Latin comma (as
# "%(first)s, %(second)s" already is): pofilter's "unchanged" check found this one left over.
SPACE_SEPARATED = {"%(who)s, %(kind)s": "%(who)s %(kind)s"}


def space_separated(text: str, msgid: str) -> str:
    """th, km, lo: a space between the parts of a list-like phrase."""
    return SPACE_SEPARATED.get(msgid, text)


FIXES = {
    "th": space_separated, "km": space_separated, "lo": space_separated,
    "fr": french_locale,
    "ar": lambda text, msgid: arabic(text),
    "ms": malay, "id": indonesian,
    "ko": korean, "zh_Hans": chinese, "ja": japanese,
    "vi": vietnamese, "fil": filipino, "pt": portuguese,
}


def fix(locale: str, text, msgid: str):
    fixer = FIXES.get(locale)
    if fixer is None or not text:
        return text
    if isinstance(text, (list, tuple)):
        return type(text)(fixer(t, msgid) if t else t for t in text)
    return fixer(text, msgid)


def fix_catalogue(locale: str) -> int:
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    changed = 0
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        new = fix(locale, message.string, msgid)
        if new != message.string:
            message.string = new
            changed += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return changed


def fix_helper_json(folder: str = "/tmp/i18n") -> int:  # noqa: S108 (the helpers' folder)
    changed = 0
    for path in sorted(glob.glob(f"{folder}/*.json")):
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
        dirty = False
        for entry in entries:
            for locale, text in entry.get("tr", {}).items():
                new = fix(locale, text, entry["id"])
                if isinstance(text, list):
                    new = list(new)
                if new != text:
                    entry["tr"][locale] = new
                    dirty = True
                    changed += 1
        if dirty:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(entries, handle, ensure_ascii=False, indent=1)
    return changed


def main(argv: list[str]) -> int:
    for locale in argv or FIXES:
        print(locale, fix_catalogue(locale), "messages changed")
    print("helper JSON entries changed:", fix_helper_json())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
