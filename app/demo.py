"""Demo data: the Breaking Chains series and its first meeting in Seoul (11-12 November 2025)."""
from __future__ import annotations

import json
import secrets
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from app.agenda.models import AgendaItem, AgendaSession, VersionKind, Visibility
from app.agenda.publication import publish
from app.agenda.services import latest_version
from app.auth.models import Membership, Role, User
from app.auth.services import hash_password, new_totp_secret
from app.extensions import db
from app.meetings.models import (
    Meeting,
    MeetingOrganisation,
    Organisation,
    OrganisationKind,
    ParticipationCategory,
    Room,
    Series,
)

SLUG = "bc-2025-seoul"
ZONE = "Asia/Seoul"
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

ROOMS = {
    "hall": {"en": "International Conference Hall", "ko": "국제회의장"},
    "room2": {"en": "Meeting Room 2", "ko": "제2회의실"},
}

# Sessions: (day, start, end, room, titles, items); items: (start, end, visibility,
# titles, [sub-item titles]). Times are Seoul local time.
_D = Visibility.DELEGATES
AGENDA = [
    (11, "09:30", "10:30", "hall", {
        "en": "Opening session", "ko": "개회", "th": "พิธีเปิด", "ar": "الجلسة الافتتاحية",
        "ja": "開会", "zh_Hans": "开幕式", "vi": "Phiên khai mạc", "km": "សម័យប្រជុំបើក",
        "fr": "Séance d'ouverture", "es": "Sesión de apertura"}, [
        ("09:30", "09:50", Visibility.PUBLIC, {
            "en": "Opening of the meeting and welcome address by the Commissioner General "
                  "of the Korean National Police Agency",
            "ko": "개회 및 경찰청장 환영사",
            "th": "เปิดการประชุมและกล่าวต้อนรับโดยผู้บัญชาการสำนักงานตำรวจแห่งชาติเกาหลี",
            "ar": "افتتاح الاجتماع وكلمة ترحيب من المفوض العام لوكالة الشرطة الوطنية الكورية",
            "ja": "開会及び韓国警察庁長官による歓迎の挨拶",
            "zh_Hans": "会议开幕及韩国警察厅厅长致欢迎辞",
            "vi": "Khai mạc hội nghị và phát biểu chào mừng của Tổng Cục trưởng Cảnh sát "
                  "Quốc gia Hàn Quốc",
            "fr": "Ouverture de la réunion et allocution de bienvenue du Commissaire général "
                  "de l'Agence nationale de police coréenne"}, []),
        ("09:50", "10:00", Visibility.PUBLIC, {
            "en": "Adoption of the agenda", "ko": "의제 채택", "th": "การรับรองระเบียบวาระ",
            "ar": "إقرار جدول الأعمال", "ja": "議題の採択", "zh_Hans": "通过议程",
            "vi": "Thông qua chương trình nghị sự", "km": "ការអនុម័តរបៀបវារៈ",
            "lo": "ການຮັບຮອງວາລະກອງປະຊຸມ", "id": "Pengesahan agenda",
            "ms": "Penerimaan agenda", "fil": "Pagpapatibay ng agenda",
            "fr": "Adoption de l'ordre du jour", "es": "Aprobación del orden del día",
            "pt": "Adoção da ordem do dia"}, []),
        ("10:00", "10:30", Visibility.PUBLIC, {
            "en": "Launch of Operation Breaking Chains: objectives and framework",
            "ko": "브레이킹 체인스 작전 출범: 목표와 체계",
            "th": "การเปิดตัวปฏิบัติการ Breaking Chains: วัตถุประสงค์และกรอบการดำเนินงาน",
            "ar": "إطلاق عملية «كسر السلاسل»: الأهداف والإطار",
            "ja": "ブレイキング・チェーンズ作戦の発足：目的と枠組み",
            "zh_Hans": "“断链”行动启动：目标与框架",
            "vi": "Khởi động Chiến dịch Breaking Chains: mục tiêu và khuôn khổ"}, []),
    ]),
    (11, "11:00", "12:30", "hall", {
        "en": "Plenary I: the threat", "ko": "전체회의 I: 위협 평가",
        "th": "การประชุมเต็มคณะ I: ภัยคุกคาม", "ar": "الجلسة العامة الأولى: التهديد",
        "ja": "全体会合I：脅威", "zh_Hans": "全体会议一：威胁",
        "vi": "Phiên toàn thể I: mối đe dọa"}, [
        ("11:00", "12:00", _D, {
            "en": "Scam compounds in Southeast Asia: regional threat assessment",
            "ko": "동남아시아 스캠 단지: 지역 위협 평가",
            "th": "แหล่งฉ้อโกงในเอเชียตะวันออกเฉียงใต้: การประเมินภัยคุกคามระดับภูมิภาค",
            "ar": "مجمعات الاحتيال في جنوب شرق آسيا: تقييم التهديد الإقليمي",
            "ja": "東南アジアの詐欺拠点：地域の脅威評価",
            "zh_Hans": "东南亚诈骗园区：地区威胁评估",
            "vi": "Các khu lừa đảo ở Đông Nam Á: đánh giá mối đe dọa khu vực",
            "km": "មជ្ឈមណ្ឌលបោកប្រាស់នៅអាស៊ីអាគ្នេយ៍៖ ការវាយតម្លៃការគំរាមកំហែងថ្នាក់តំបន់"}, [
            {"en": "Voice phishing", "ko": "보이스피싱", "th": "แก๊งคอลเซ็นเตอร์",
             "ar": "الاحتيال الصوتي", "ja": "電話詐欺", "zh_Hans": "电信诈骗",
             "vi": "Lừa đảo qua điện thoại"},
            {"en": "Romance and investment scams", "ko": "로맨스 스캠 및 투자 사기",
             "th": "การหลอกลวงให้รักและการหลอกลวงให้ลงทุน",
             "ar": "الاحتيال العاطفي واحتيال الاستثمار", "ja": "ロマンス詐欺及び投資詐欺",
             "zh_Hans": "婚恋诈骗和投资诈骗", "vi": "Lừa đảo tình cảm và lừa đảo đầu tư"},
        ]),
        ("12:00", "12:30", _D, {
            "en": "Statements by delegations", "ko": "대표단 발언",
            "th": "ถ้อยแถลงของคณะผู้แทน", "ar": "بيانات الوفود", "ja": "各代表団による発言",
            "zh_Hans": "各代表团发言", "vi": "Phát biểu của các đoàn"}, []),
    ]),
    (11, "14:00", "17:30", "hall", {
        "en": "Plenary II: cooperation", "ko": "전체회의 II: 협력",
        "th": "การประชุมเต็มคณะ II: ความร่วมมือ", "ar": "الجلسة العامة الثانية: التعاون",
        "ja": "全体会合II：協力", "zh_Hans": "全体会议二：合作",
        "vi": "Phiên toàn thể II: hợp tác"}, [
        ("14:00", "15:30", _D, {
            "en": "Cooperation with INTERPOL, ASEANAPOL, AMERIPOL and AFRIPOL",
            "ko": "인터폴, 아세아나폴, 아메리폴, 아프리폴과의 협력",
            "th": "ความร่วมมือกับ INTERPOL, ASEANAPOL, AMERIPOL และ AFRIPOL",
            "ar": "التعاون مع الإنتربول وأسيانابول وأميريبول وأفريبول",
            "ja": "ICPO（インターポール）、ASEANAPOL、AMERIPOL及びAFRIPOLとの協力",
            "zh_Hans": "与国际刑警组织、东盟警察组织、美洲警察共同体和非洲警察合作机制的合作",
            "vi": "Hợp tác với INTERPOL, ASEANAPOL, AMERIPOL và AFRIPOL"}, []),
        ("16:00", "17:30", _D, {
            "en": "Protection and repatriation of victims of scam compounds",
            "ko": "스캠 단지 피해자 보호 및 송환",
            "th": "การคุ้มครองและการส่งกลับผู้เสียหายจากแหล่งฉ้อโกง",
            "ar": "حماية ضحايا مجمعات الاحتيال وإعادتهم إلى أوطانهم",
            "ja": "詐欺拠点の被害者の保護及び送還", "zh_Hans": "诈骗园区受害者的保护与遣返",
            "vi": "Bảo vệ và hồi hương nạn nhân của các khu lừa đảo"}, []),
    ]),
    (12, "09:30", "12:00", "room2", {
        "en": "Closed session (heads of delegation)", "ko": "비공개 회의 (대표단장)",
        "th": "การประชุมลับ (หัวหน้าคณะผู้แทน)", "ar": "جلسة مغلقة (رؤساء الوفود)",
        "ja": "非公開会合（代表団長）", "zh_Hans": "闭门会议（代表团团长）",
        "vi": "Phiên họp kín (trưởng đoàn)"}, [
        ("09:30", "10:45", Visibility.HEADS, {
            "en": "Joint operations and coordinated cross-border raids",
            "ko": "합동 작전 및 국경 간 합동 단속",
            "th": "ปฏิบัติการร่วมและการบุกค้นข้ามพรมแดนแบบประสานงาน",
            "ar": "العمليات المشتركة والمداهمات المنسقة عبر الحدود",
            "ja": "合同作戦及び国境を越えた連携した摘発",
            "zh_Hans": "联合行动与跨境协同打击",
            "vi": "Hoạt động chung và các cuộc truy quét xuyên biên giới có phối hợp"}, []),
        ("11:00", "12:00", Visibility.HEADS, {
            "en": "Channels for sharing intelligence on scam syndicates",
            "ko": "스캠 조직 정보 공유 채널",
            "th": "ช่องทางการแลกเปลี่ยนข่าวกรองเกี่ยวกับเครือข่ายฉ้อโกง",
            "ar": "قنوات تبادل المعلومات الاستخبارية بشأن عصابات الاحتيال",
            "ja": "詐欺組織に関する情報共有の経路", "zh_Hans": "诈骗集团情报共享渠道",
            "vi": "Các kênh chia sẻ thông tin tình báo về các đường dây lừa đảo"}, []),
    ]),
    (12, "14:00", "16:00", "hall", {
        "en": "Closing session", "ko": "폐회", "th": "พิธีปิด", "ar": "الجلسة الختامية",
        "ja": "閉会", "zh_Hans": "闭幕式", "vi": "Phiên bế mạc", "km": "សម័យប្រជុំបិទ",
        "fr": "Séance de clôture", "es": "Sesión de clausura"}, [
        ("14:00", "15:00", _D, {
            "en": "Towards a permanent organisation: framework and next meeting",
            "ko": "상설 기구를 향하여: 체계와 차기 회의",
            "th": "สู่การเป็นองค์กรถาวร: กรอบการดำเนินงานและการประชุมครั้งต่อไป",
            "ar": "نحو منظمة دائمة: الإطار والاجتماع المقبل",
            "ja": "常設機関に向けて：枠組み及び次回会合",
            "zh_Hans": "迈向常设组织：框架与下次会议",
            "vi": "Hướng tới một tổ chức thường trực: khuôn khổ và cuộc họp tiếp theo"}, []),
        ("15:00", "15:40", _D, {
            "en": "Adoption of resolution BC/1/RES/1 on cross-border cooperation against "
                  "scam syndicates",
            "ko": "스캠 조직 대응 국경 간 협력에 관한 결의 BC/1/RES/1 채택",
            "th": "การรับรองข้อมติ BC/1/RES/1 ว่าด้วยความร่วมมือข้ามพรมแดนในการต่อต้าน"
                  "เครือข่ายฉ้อโกง",
            "ar": "اعتماد القرار BC/1/RES/1 بشأن التعاون عبر الحدود لمكافحة عصابات الاحتيال",
            "ja": "詐欺組織に対する国境を越えた協力に関する決議BC/1/RES/1の採択",
            "zh_Hans": "通过关于打击诈骗集团跨境合作的第BC/1/RES/1号决议",
            "vi": "Thông qua Nghị quyết BC/1/RES/1 về hợp tác xuyên biên giới chống các "
                  "đường dây lừa đảo"}, []),
        ("15:40", "16:00", Visibility.PUBLIC, {
            "en": "Closing of the meeting", "ko": "폐회", "th": "ปิดการประชุม",
            "ar": "اختتام الاجتماع", "ja": "閉会", "zh_Hans": "会议闭幕",
            "vi": "Bế mạc hội nghị", "km": "ការបិទកិច្ចប្រជុំ", "lo": "ການປິດກອງປະຊຸມ",
            "id": "Penutupan rapat", "ms": "Penutupan mesyuarat",
            "fil": "Pagsasara ng pulong", "fr": "Clôture de la réunion",
            "es": "Clausura de la reunión", "pt": "Encerramento da reunião"}, []),
    ]),
]

# e-mail, name, role, organisation code, locale
USERS = [
    ("admin@knpa.example.com", "Kim Min-jun", Role.ADMIN, None, "ko"),
    ("staff@knpa.example.com", "Lee Seo-yeon", Role.STAFF, None, "en"),
    ("head.th@rtp.example.com", "Somchai Wongsakul", Role.HEAD, "rtp", "th"),
    ("delegate.th@rtp.example.com", "Nattaya Srisuk", Role.DELEGATE, "rtp", "th"),
    ("delegate.kh@cnp.example.com", "Sok Dara", Role.DELEGATE, "cnp-kh", "km"),
    ("head.ae@moi.example.com", "Khalid Al Mansoori", Role.HEAD, "moi-ae", "ar"),
    ("observer@interpol.example.com", "Claire Dubois", Role.OBSERVER, "interpol", "fr"),
    # The host takes part in its own meeting: its delegation is headed like any other.
    ("head.kr@knpa.example.com", "Park Ji-hoon", Role.HEAD, "knpa", "ko"),
]

# The head of delegation named in each accepted answer (e-mail, name, locale): the demo people
# above where the agency has one, otherwise an account made for the head.
HEADS = {
    "knpa": ("head.kr@knpa.example.com", "Park Ji-hoon", "ko"),
    "rtp": ("head.th@rtp.example.com", "Somchai Wongsakul", "th"),
    "moi-ae": ("head.ae@moi.example.com", "Khalid Al Mansoori", "ar"),
    "cnp-kh": ("head.kh@cnp.example.com", "Chea Sokha", "km"),
    "mps-la": ("head.la@mps-la.example.com", "Khamphone Sihavong", "lo"),
    "spf": ("head.sg@spf.example.com", "Tan Wei Ming", "en"),
    "pnp": ("head.ph@pnp.example.com", "Maria Santos Reyes", "fil"),
    "mps-cn": ("head.cn@mps-cn.example.com", "Liu Yang", "zh_Hans"),
    "npa-jp": ("head.jp@npa-jp.example.com", "Sato Kenji", "ja"),
    "mps-vn": ("head.vn@mps-vn.example.com", "Trần Quốc Bảo", "vi"),
    "polri": ("head.id@polri.example.com", "Budi Santoso", "id"),
    "pdrm": ("head.my@pdrm.example.com", "Ahmad Faizal bin Hassan", "ms"),
    "interpol": ("head@interpol.example.com", "Marc Lefebvre", "fr"),
    "aseanapol": ("head@aseanapol.example.com", "Rizal Hamzah", "en"),
    "afripol": ("head@afripol.example.com", "Amina Okafor", "en"),
}


def _seoul(day: int, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    local = datetime(2025, 11, day, hour, minute, tzinfo=ZoneInfo(ZONE))
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def _get_or_create(model, lookup: dict, **values):
    row = db.session.scalar(select(model).filter_by(**lookup))
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
        db.session.flush()
    return row


def load_demo_data() -> Meeting:
    """Create the demo meeting once; running it again changes nothing."""
    series = _get_or_create(Series, {"slug": "breaking-chains"}, symbol_root="BC", name={
        "en": "Breaking Chains", "ko": "브레이킹 체인스"})
    orgs = {}
    for code, acronym, country, language, _category, names in ORGANISATIONS:
        kind = OrganisationKind.NATIONAL_AGENCY if country else OrganisationKind.INTERNATIONAL_BODY
        orgs[code] = _get_or_create(Organisation, {"code": code}, acronym=acronym, name=names,
                                    kind=kind, country_code=country, language=language)
        if set(names) - set(orgs[code].name or {}):  # a demo loaded before: add languages
            orgs[code].name = {**names, **(orgs[code].name or {})}
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
    if meeting is None:
        meeting = _create_meeting(series, orgs)
    _create_users(meeting, orgs)
    if latest_version(meeting) is None:
        publish(meeting, VersionKind.PROVISIONAL, actor=None)
    _create_invitations(meeting, orgs)
    db.session.flush()
    _name_heads(meeting, orgs)
    _create_registrations(meeting, orgs)
    _create_resolution(meeting, orgs)
    _create_minutes(meeting, orgs)
    _mark_standing_items(meeting)
    _create_roster(series, meeting, orgs)
    db.session.commit()
    _create_next_meeting(meeting)
    db.session.commit()
    return meeting


STANDING = ("Opening of the meeting and welcome address by the Commissioner General "
            "of the Korean National Police Agency", "Adoption of the agenda",
            "Statements by delegations", "Closing of the meeting")


def _mark_standing_items(meeting: Meeting) -> None:
    from app.agenda.models import AgendaItem

    for item in db.session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id)):
        if item.title.get("en") in STANDING:
            item.standing = True


# The roster: the nine founding members announced on 23 October 2025, the states that joined
# at the Seoul meeting, and the international bodies as observers.
FOUNDERS = ("knpa", "cnp-kh", "mps-la", "rtp", "spf", "pnp", "fbi", "moi-ae", "moi-qa")
JOINED_AT_SEOUL = ("mps-cn", "npa-jp", "mps-vn", "polri", "pdrm")
OBSERVERS = ("interpol", "aseanapol", "afripol")


def _create_roster(series: Series, meeting: Meeting, orgs: dict) -> None:
    from app.meetings.models import ParticipationCategory, SeriesMember

    if db.session.scalar(select(SeriesMember.id).where(SeriesMember.series_id == series.id)):
        return
    for code in FOUNDERS:
        db.session.add(SeriesMember(series_id=series.id, organisation_id=orgs[code].id,
                                    category=ParticipationCategory.MEMBER,
                                    joined_on=date(2025, 10, 23)))
    for codes, category in ((JOINED_AT_SEOUL, ParticipationCategory.MEMBER),
                            (OBSERVERS, ParticipationCategory.INTERNATIONAL_BODY)):
        for code in codes:
            db.session.add(SeriesMember(series_id=series.id, organisation_id=orgs[code].id,
                                        category=category, joined_on=date(2025, 11, 12),
                                        decided_at_id=meeting.id))


def _create_next_meeting(seoul: Meeting) -> None:
    """Meeting 2, made from the Seoul meeting as the secretariat would: hosted in Bangkok by
    the Royal Thai Police, about three months ahead, with the open action points of Seoul."""
    from datetime import timedelta

    from app.auth.models import Membership, Role, User
    from app.series import services as series

    if db.session.scalar(select(Meeting.id).where(Meeting.series_id == seoul.series_id,
                                                  Meeting.number == 2)):
        return
    start = date.today() + timedelta(days=100)
    with current_app.test_request_context():
        result = series.clone_meeting(
            seoul, slug=f"bc-{start.year}-bangkok", start=start, end=start + timedelta(days=1),
            title={"en": "Second Meeting of Operation Breaking Chains",
                   "ko": "브레이킹 체인스 작전 제2차 회의",
                   "th": "การประชุมครั้งที่ 2 ของปฏิบัติการ Breaking Chains"},
            city={"en": "Bangkok", "ko": "방콕", "th": "กรุงเทพมหานคร"},
            venue={"en": "Royal Thai Police Headquarters, Bangkok",
                   "th": "สำนักงานตำรวจแห่งชาติ กรุงเทพมหานคร"},
            timezone="Asia/Bangkok", host_code="rtp")
    meeting = result.meeting
    meeting.signature = {"en": "Pol. Gen. Kittirat\nCommissioner-General\nRoyal Thai Police"}
    meeting.secretariat_id = seoul.host_organisation_id
    for email in ("admin@knpa.example.com", "staff@knpa.example.com"):
        user = db.session.scalar(select(User).where(User.email == email))
        role = Role.ADMIN if email.startswith("admin") else Role.STAFF
        db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=role))


def _create_resolution(meeting: Meeting, orgs: dict) -> None:
    """Resolution 1, adopted by consensus on the second day, verified in all 15 languages."""
    from app import demo_resolution as text
    from app.resolutions.models import (
        AdoptionMethod,
        Paragraph,
        ParagraphKind,
        Resolution,
        ResolutionSponsor,
        ResolutionState,
        ResolutionText,
        TextStatus,
    )

    if db.session.scalar(select(Resolution.id).where(Resolution.meeting_id == meeting.id)):
        return
    resolution = Resolution(
        meeting_id=meeting.id, number=1, original_language="en",
        state=ResolutionState.ADOPTED, adoption_method=AdoptionMethod.CONSENSUS,
        decided_on=date(2025, 11, 12),
        record="The delegation of INTERPOL joined the consensus as an observer.")
    for code in text.LANGUAGES:
        resolution.texts.append(ResolutionText(language=code, title=text.TITLE[code],
                                               status=TextStatus.VERIFIED))
    for position, paragraph in enumerate(text.PREAMBLE, start=1):
        resolution.paragraphs.append(Paragraph(kind=ParagraphKind.PREAMBULAR,
                                               position=position, text=paragraph))
    for position, (paragraph, subs) in enumerate(text.OPERATIVE, start=1):
        parent = Paragraph(kind=ParagraphKind.OPERATIVE, position=position, text=paragraph)
        resolution.paragraphs.append(parent)
        for sub_position, sub in enumerate(subs, start=1):
            child = Paragraph(kind=ParagraphKind.OPERATIVE, position=sub_position, text=sub)
            parent.children.append(child)
            resolution.paragraphs.append(child)
    for code in ("knpa", "rtp", "cnp-kh", "pnp"):
        resolution.sponsors.append(ResolutionSponsor(organisation_id=orgs[code].id))
    db.session.add(resolution)


# Draft minutes: (item title in English, {language: text}, decisions, action points as
# (description, owner code, due date)).
MINUTES = (
    ("Adoption of the agenda", {
        "en": "The provisional agenda (BC/1/1) was **adopted without amendment**.",
        "ko": "잠정 의제(BC/1/1)는 **수정 없이 채택**되었다."},
     ["The agenda was adopted as proposed."], []),
    ("Scam compounds in Southeast Asia: regional threat assessment", {
        "en": "The Royal Thai Police and the Cambodian National Police presented the "
              "regional threat assessment.\n\n- Scam compounds recruit members from many "
              "countries.\n- Victims are targeted across borders by voice phishing and "
              "romance scams.\n\nDelegations thanked the presenters and asked for the "
              "assessment to be updated before the next meeting."},
     [], [("Update the regional threat assessment with the data shared at the meeting",
           "rtp", date(2026, 3, 31))]),
    ("Channels for sharing intelligence on scam syndicates", {
        "en": "Heads of delegation discussed secure channels for sharing intelligence and "
              "agreed to name national contact points."},
     ["Each agency names a national contact point, available at all times."],
     [("Name the national contact point and send the details to the secretariat", "cnp-kh",
       date(2025, 12, 15)),
      ("Propose a secure channel for sharing intelligence", "interpol", date(2026, 2, 28))]),
)


def _create_minutes(meeting: Meeting, orgs: dict) -> None:
    from app.agenda.models import AgendaItem
    from app.minutes.models import ActionPoint, Decision, Minutes, MinutesEntry, MinutesRevision

    if db.session.scalar(select(Minutes.id).where(Minutes.meeting_id == meeting.id)):
        return
    minutes = Minutes(meeting_id=meeting.id, original_language="en")
    db.session.add(minutes)
    items = {item.title.get("en"): item for item in db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))}
    for title, texts, decisions, actions in MINUTES:
        item = items[title]
        for language, body in texts.items():
            entry = MinutesEntry(item_id=item.id, language=language, body=body, version=1)
            entry.revisions.append(MinutesRevision(version=1, body=body))
            minutes.entries.append(entry)
        for decision in decisions:
            db.session.add(Decision(meeting_id=meeting.id, item_id=item.id, text=decision))
        for description, owner, due in actions:
            db.session.add(ActionPoint(meeting_id=meeting.id, item_id=item.id,
                                       description=description, owner_id=orgs[owner].id,
                                       due_date=due))


# The demo delegates' registrations: (e-mail, family, given, native, rank, role, nationality,
# passport number for a visa letter or None, status).
REGISTRATIONS = (
    ("head.th@rtp.example.com", "Wongsakul", "Somchai", "สมชาย วงศ์สกุล", "Pol. Lt. Gen.",
     "head", "TH", None, "approved"),
    ("delegate.th@rtp.example.com", "Srisuk", "Nattaya", "ณัฐยา ศรีสุข", "Pol. Col.",
     "delegate", "TH", None, "approved"),
    ("delegate.kh@cnp.example.com", "Sok", "Dara", "សុខ ដារា", "Brig. Gen.", "delegate", "KH",
     "N01234567", "approved"),
    ("head.ae@moi.example.com", "Al Mansoori", "Khalid", "خالد المنصوري", "Maj. Gen.", "head",
     "AE", None, "approved"),
    ("observer@interpol.example.com", "Dubois", "Claire", "", "", "observer", "FR", None,
     "approved"),
    ("head.kr@knpa.example.com", "Park", "Ji-hoon", "박지훈", "Supt. Gen.", "head", "KR", None,
     "approved"),
    ("souksavanh.p@mps-la.example.com", "Phommachanh", "Souksavanh", "ສຸກສະຫວັນ ພົມມະຈັນ",
     "Pol. Col.", "delegate", "LA", "P9876543", "pending"),
)


def _create_registrations(meeting: Meeting, orgs: dict) -> None:
    """Registrations as they stood on the eve of the meeting (no e-mails are queued)."""
    from app.auth.models import User
    from app.invitations.models import Invitation
    from app.registration.models import DelegationRole, Registration, RegistrationStatus
    from app.registration.services import _new_badge_code

    users = {u.email: u for u in db.session.scalars(select(User))}
    for (email, family, given, native, rank, role, nationality, passport,
         status) in REGISTRATIONS:
        if db.session.scalar(select(Registration.id).where(
                Registration.meeting_id == meeting.id, Registration.email == email)):
            continue
        user = users.get(email)
        org_code = email.split("@")[1].removesuffix(".example.com")
        org = user.organisation if user else orgs[org_code]
        if user is None:
            user = User(email=email, name=f"{given} {family}", locale=org.language,
                        organisation_id=org.id)
            db.session.add(user)
            db.session.flush()
        invitation = db.session.scalar(select(Invitation).where(
            Invitation.meeting_id == meeting.id, Invitation.organisation_id == org.id))
        invitation.seats_taken += 1
        db.session.add(Registration(
            meeting_id=meeting.id, organisation_id=org.id, invitation_id=invitation.id,
            user_id=user.id, email=email, language=user.locale or org.language,
            family_name=family, given_names=given, native_name=native, title=rank,
            role=DelegationRole(role), nationality=nationality, visa_needed=bool(passport),
            passport_number=passport, birth_date="1982-04-09" if passport else None,
            arrival_date=date(2025, 11, 10), departure_date=date(2025, 11, 13),
            hotel="Lotte Hotel Seoul", status=RegistrationStatus(status),
            decided_at=datetime(2025, 11, 3, 2, 0) if status == "approved" else None,
            badge_code=_new_badge_code()))


# Agency, addressee and the answer the demo records (None: sent, no answer yet).
ADDRESSEES = {
    "cnp-kh": ("Gen. Sar Thet", "accepted"), "mps-la": ("Pol. Maj. Gen. Vilay", "accepted"),
    "rtp": ("Pol. Gen. Kittirat", "accepted"), "spf": ("Commissioner Tan", "accepted"),
    "pnp": ("PGen. Santos", "accepted"), "fbi": ("Director's Office", None),
    "moi-ae": ("Maj. Gen. Al Mansoori", "accepted"), "moi-qa": ("Brig. Al Thani", None),
    "mps-cn": ("Director Wang", "accepted"), "npa-jp": ("Director Sato", "accepted"),
    "mps-vn": ("Maj. Gen. Nguyen", "accepted"), "polri": ("Brig. Gen. Siregar", "accepted"),
    "pdrm": ("Datuk Razak", "accepted"), "rbpf": ("Commissioner Haji Ahmad", "declined"),
    "interpol": ("Executive Director of Police Services", "accepted"),
    "aseanapol": ("Executive Director", "accepted"), "ameripol": ("Secretaría Ejecutiva", None),
    "afripol": ("Director", "accepted"),
    # The host's own delegation: accepted from the start, so its people can register.
    "knpa": ("Director General for International Cooperation", "accepted"),
}


def _create_invitations(meeting: Meeting, orgs: dict) -> None:
    """Every organisation invited in its own language, as the secretariat did in October 2025."""
    from app.demo_letter import BODY, SUBJECT
    from app.invitations.models import Invitation, InvitationLetter, InvitationStatus

    if db.session.scalar(select(InvitationLetter).where(
            InvitationLetter.meeting_id == meeting.id)) is None:
        db.session.add(InvitationLetter(meeting_id=meeting.id, reply_by=date(2025, 11, 5),
                                        subject=SUBJECT, body=BODY))
    sent = datetime(2025, 10, 24, 1, 0)
    for code, _acronym, _country, language, category, _names in ORGANISATIONS:
        if db.session.scalar(select(Invitation).where(
                Invitation.meeting_id == meeting.id,
                Invitation.organisation_id == orgs[code].id)) is not None:
            continue
        name, answer = ADDRESSEES[code]
        slug = code.replace("-", "")
        status = {"accepted": InvitationStatus.ACCEPTED, "declined": InvitationStatus.DECLINED,
                  None: InvitationStatus.SENT}[answer]
        db.session.add(Invitation(
            meeting_id=meeting.id, organisation_id=orgs[code].id, category=category,
            addressee_name=name, email=f"liaison@{slug}.example.com", language=language,
            quota=4 if category != BODY_CATEGORY else 2, status=status, sent_at=sent,
            opened_at=sent if answer else None, answered_at=sent if answer else None,
            link_nonce=secrets.token_hex(16),
            decline_reason="Scheduling conflict with a national operation." if answer ==
            "declined" else ""))



def _name_heads(meeting: Meeting, orgs: dict) -> None:
    """Every accepted invitation names its head, who holds the head role for that agency
    (as answering the invitation does); a demo loaded before gets its missing heads."""
    from app.invitations.models import Invitation, InvitationStatus

    for invitation in db.session.scalars(select(Invitation).where(
            Invitation.meeting_id == meeting.id,
            Invitation.status == InvitationStatus.ACCEPTED)):
        code = invitation.organisation.code
        if code not in HEADS or invitation.head_email:
            continue
        email, name, locale = HEADS[code]
        user = _get_or_create(User, {"email": email}, name=name, locale=locale,
                              organisation_id=orgs[code].id)
        _get_or_create(Membership, {"user_id": user.id, "meeting_id": meeting.id,
                                    "role": Role.HEAD}, organisation_id=orgs[code].id)
        invitation.head_name, invitation.head_email = name, email


def _create_meeting(series: Series, orgs: dict) -> Meeting:
    meeting = Meeting(
        series=series, number=1, slug=SLUG, symbol_prefix="BC/1", timezone=ZONE,
        start_date=date(2025, 11, 11), end_date=date(2025, 11, 12), working_language="en",
        official_languages=["en", "ko"], host=orgs["knpa"], is_public=True,
        title={"en": "First Meeting of Operation Breaking Chains",
               "ko": "브레이킹 체인스 작전 제1차 회의",
               "th": "การประชุมปฏิบัติการ Breaking Chains ครั้งที่ 1",
               "ar": "الاجتماع الأول لعملية «كسر السلاسل»",
               "ja": "ブレイキング・チェーンズ作戦第1回会合",
               "zh_Hans": "“断链”行动第一次会议",
               "vi": "Hội nghị lần thứ nhất của Chiến dịch Breaking Chains",
               "fr": "Première réunion de l'opération Breaking Chains",
               "es": "Primera reunión de la Operación Breaking Chains"},
        city={"en": "Seoul", "ko": "서울", "th": "โซล", "ar": "سول", "ja": "ソウル",
              "zh_Hans": "首尔", "vi": "Seoul", "km": "សេអ៊ូល", "lo": "ໂຊລ"},
        venue={"en": "Korean National Police Agency, 97 Tongil-ro, Seodaemun-gu, Seoul",
               "ko": "경찰청 (서울특별시 서대문구 통일로 97)"},
        public_summary={
            "en": "The first meeting of the international operation against transnational "
                  "scam syndicates, hosted by the Korean National Police Agency.",
            "ko": "경찰청이 주최하는 초국가 스캠 범죄조직 대응 국제 공조 작전의 첫 회의입니다."})
    db.session.add(meeting)
    db.session.flush()
    for code, _acronym, _country, _language, category, _names in ORGANISATIONS:
        db.session.add(MeetingOrganisation(meeting=meeting, organisation=orgs[code],
                                           category=category))
    rooms = {key: Room(meeting=meeting, name=names) for key, names in ROOMS.items()}
    db.session.add_all(rooms.values())
    for position, (day, start, end, room, title, items) in enumerate(AGENDA, 1):
        block = AgendaSession(meeting_id=meeting.id, position=position, title=title,
                              starts_at=_seoul(day, start), ends_at=_seoul(day, end),
                              room=rooms[room])
        db.session.add(block)
        for item_position, (i_start, i_end, visibility, i_title, subs) in enumerate(items, 1):
            item = AgendaItem(meeting_id=meeting.id, session=block, position=item_position,
                              title=i_title, starts_at=_seoul(day, i_start),
                              ends_at=_seoul(day, i_end), room=rooms[room],
                              visibility=visibility)
            db.session.add(item)
            db.session.flush()
            for sub_position, sub_title in enumerate(subs, 1):
                db.session.add(AgendaItem(meeting_id=meeting.id, session=block, parent_id=item.id,
                                          position=sub_position, title=sub_title,
                                          visibility=visibility))
    return meeting


def _create_users(meeting: Meeting, orgs: dict) -> None:
    credentials = _read_credentials()
    for email, name, role, org_code, locale in USERS:
        org = orgs.get(org_code)
        user = _get_or_create(User, {"email": email}, name=name, locale=locale,
                              organisation_id=org.id if org else None)
        _get_or_create(Membership, {"user_id": user.id, "meeting_id": meeting.id, "role": role},
                       organisation_id=org.id if org else None)
        if role in (Role.ADMIN, Role.STAFF) and (not user.password_hash or email not in
                                                 credentials):
            password = secrets.token_urlsafe(12)
            user.password_hash = hash_password(password)
            credentials[email] = {"password": password}
            if role is Role.ADMIN:
                user.totp_secret = new_totp_secret()
                user.totp_last_step = 0
                credentials[email]["totp_secret"] = user.totp_secret
    _write_credentials(credentials)


def credentials_file() -> Path:
    return Path(current_app.instance_path) / "demo-credentials.json"


def _read_credentials() -> dict:
    try:
        return json.loads(credentials_file().read_text())
    except (OSError, ValueError):
        return {}


def _write_credentials(credentials: dict) -> None:
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(credentials, indent=2))
    path.chmod(0o600)
