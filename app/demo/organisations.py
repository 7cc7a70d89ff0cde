"""The demo's organisations: the members of the alliance, the invited states and the
international bodies, each named in the languages it uses."""
from __future__ import annotations

from app.demo.rows import get_or_create
from app.meetings.models import Organisation, OrganisationKind, ParticipationCategory

BODY_CATEGORY = ParticipationCategory.INTERNATIONAL_BODY
MEMBER, INVITED, BODY = (ParticipationCategory.MEMBER, ParticipationCategory.INVITED_STATE,
                         ParticipationCategory.INTERNATIONAL_BODY)

# code, acronym, country, language, category, names. Members: the alliance announced on
# 23 October 2025; invited: the six further states; then the four international bodies.
ORGANISATIONS = [
    # The hosts of meetings 1 and 2 are named in every language: {host} in the letter.
    ("knpa", "KNPA", "KR", "ko", MEMBER, {
        "en": "Korean National Police Agency", "ko": "경찰청", "zh_Hans": "大韩民国警察厅",
        "ja": "韓国警察庁", "vi": "Cơ quan Cảnh sát Quốc gia Hàn Quốc",
        "th": "สำนักงานตำรวจแห่งชาติเกาหลี", "km": "អគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ",
        "lo": "ກົມຕຳຫຼວດແຫ່ງຊາດເກົາຫຼີ", "id": "Badan Kepolisian Nasional Korea",
        "ms": "Agensi Polis Kebangsaan Korea", "fil": "Korean National Police Agency",
        "ar": "وكالة الشرطة الوطنية الكورية", "fr": "Agence nationale de police coréenne",
        "es": "Agencia Nacional de Policía de Corea",
        "pt": "Agência Nacional de Polícia da Coreia"}),
    ("cnp-kh", "CNP", "KH", "km", MEMBER, {
        "en": "Cambodian National Police", "km": "អគ្គស្នងការដ្ឋាននគរបាលជាតិ"}),
    ("mps-la", "MPS", "LA", "lo", MEMBER, {
        "en": "Ministry of Public Security of the Lao PDR", "lo": "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ"}),
    ("rtp", "RTP", "TH", "th", MEMBER, {
        "en": "Royal Thai Police", "th": "สำนักงานตำรวจแห่งชาติ", "ko": "태국 왕립경찰청",
        "zh_Hans": "泰国皇家警察", "ja": "タイ王国警察", "vi": "Cảnh sát Hoàng gia Thái Lan",
        "km": "នគរបាលរាជអាណាចក្រថៃ", "lo": "ຕຳຫຼວດແຫ່ງຊາດໄທ",
        "id": "Kepolisian Kerajaan Thailand", "ms": "Polis Diraja Thailand",
        "fil": "Royal Thai Police", "ar": "الشرطة الملكية التايلندية",
        "fr": "Police royale thaïlandaise", "es": "Policía Real de Tailandia",
        "pt": "Polícia Real da Tailândia"}),
    ("spf", "SPF", "SG", "en", MEMBER, {"en": "Singapore Police Force"}),
    ("pnp", "PNP", "PH", "fil", MEMBER, {
        "en": "Philippine National Police", "fil": "Pambansang Pulisya ng Pilipinas"}),
    ("fbi", "FBI", "US", "en", MEMBER, {"en": "Federal Bureau of Investigation"}),
    ("moi-ae", "MOI", "AE", "ar", MEMBER, {
        "en": "Ministry of Interior of the United Arab Emirates", "ar": "وزارة الداخلية"}),
    ("moi-qa", "MOI", "QA", "ar", MEMBER, {
        "en": "Ministry of Interior of the State of Qatar", "ar": "وزارة الداخلية"}),
    ("mps-cn", "MPS", "CN", "zh_Hans", INVITED, {
        "en": "Ministry of Public Security of the People's Republic of China",
        "zh_Hans": "中华人民共和国公安部"}),
    ("npa-jp", "NPA", "JP", "ja", INVITED, {"en": "National Police Agency", "ja": "警察庁"}),
    ("mps-vn", "MPS", "VN", "vi", INVITED, {
        "en": "Ministry of Public Security", "vi": "Bộ Công an"}),
    ("polri", "POLRI", "ID", "id", INVITED, {
        "en": "Indonesian National Police", "id": "Kepolisian Negara Republik Indonesia"}),
    ("pdrm", "PDRM", "MY", "ms", INVITED, {
        "en": "Royal Malaysia Police", "ms": "Polis Diraja Malaysia"}),
    ("rbpf", "RBPF", "BN", "ms", INVITED, {
        "en": "Royal Brunei Police Force", "ms": "Pasukan Polis Diraja Brunei"}),
    ("interpol", "INTERPOL", None, "en", BODY, {
        "en": "International Criminal Police Organization (INTERPOL)",
        "fr": "Organisation internationale de police criminelle (INTERPOL)",
        "es": "Organización Internacional de Policía Criminal (INTERPOL)",
        "ar": "المنظمة الدولية للشرطة الجنائية (الإنتربول)"}),
    ("aseanapol", "ASEANAPOL", None, "en", BODY, {
        "en": "ASEAN National Police (ASEANAPOL)"}),
    ("ameripol", "AMERIPOL", None, "es", BODY, {
        "en": "Police Community of the Americas (AMERIPOL)",
        "es": "Comunidad de Policías de América (AMERIPOL)",
        "pt": "Comunidade de Polícias da América (AMERIPOL)"}),
    ("afripol", "AFRIPOL", None, "fr", BODY, {
        "en": "African Union Mechanism for Police Cooperation (AFRIPOL)",
        "fr": "Mécanisme de l'Union africaine pour la coopération policière (AFRIPOL)",
        "ar": "آلية الاتحاد الأفريقي للتعاون الشرطي (أفريبول)",
        "pt": "Mecanismo da União Africana para a Cooperação Policial (AFRIPOL)"}),
]


def create_organisations() -> dict:
    """Every demo organisation by code; one loaded before gets the languages added since."""
    orgs = {}
    for code, acronym, country, language, _category, names in ORGANISATIONS:
        kind = OrganisationKind.NATIONAL_AGENCY if country else OrganisationKind.INTERNATIONAL_BODY
        orgs[code] = get_or_create(Organisation, {"code": code}, acronym=acronym, name=names,
                                   kind=kind, country_code=country, language=language)
        if set(names) - set(orgs[code].name or {}):  # a demo loaded before: add languages
            orgs[code].name = {**names, **(orgs[code].name or {})}
    return orgs
