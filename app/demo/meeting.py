"""The Seoul meeting: its organisations, rooms and agenda (sessions, items, sub-items)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.agenda.models import AgendaItem, AgendaSession, Visibility
from app.demo.agenda_texts import AGENDA_TEXTS
from app.demo.organisations import ORGANISATIONS
from app.extensions import db
from app.meetings.models import Meeting, MeetingOrganisation, Room, Series

SLUG = "bc-2025-seoul"
ZONE = "Asia/Seoul"

ROOMS = {
    "hall": {"en": "International Conference Hall", "ko": "국제회의장",
             "zh_Hans": "国际会议厅", "ja": "国際会議場", "vi": "Hội trường Hội nghị Quốc tế",
             "th": "ห้องประชุมนานาชาติ", "km": "សាលសន្និសីទអន្តរជាតិ", "lo": "ຫ້ອງປະຊຸມສາກົນ",
             "id": "Aula Konferensi Internasional", "ms": "Dewan Persidangan Antarabangsa",
             "fil": "Bulwagang Pangkumperensiya Internasyonal", "ar": "قاعة المؤتمرات الدولية",
             "fr": "Salle des conférences internationales",
             "es": "Sala de Conferencias Internacionales",
             "pt": "Sala de Conferências Internacionais"},
    "room2": {"en": "Meeting Room 2", "ko": "제2회의실", "zh_Hans": "第二会议室",
              "ja": "第2会議室", "vi": "Phòng họp số 2", "th": "ห้องประชุม 2",
              "km": "បន្ទប់ប្រជុំលេខ 2", "lo": "ຫ້ອງປະຊຸມ 2", "id": "Ruang Rapat 2",
              "ms": "Bilik Mesyuarat 2", "fil": "Silid-Pulungan 2", "ar": "غرفة الاجتماعات 2",
              "fr": "Salle de réunion 2", "es": "Sala de Reuniones 2", "pt": "Sala de Reuniões 2"},
}

# Sessions: (day, start, end, room, titles, items); items: (start, end, visibility,
# titles, [sub-item titles]). Times are Seoul local time.
_D = Visibility.DELEGATES
AGENDA = [
    (11, "09:30", "10:30", "hall", {
        "en": "Opening session", "ko": "개회", "th": "พิธีเปิด", "ar": "الجلسة الافتتاحية",
        "ja": "開会", "zh_Hans": "开幕式", "vi": "Phiên khai mạc", "km": "សម័យប្រជុំបើក",
        "fr": "Séance d’ouverture", "es": "Sesión de apertura"}, [
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
                  "de l’Agence nationale de police coréenne"}, []),
        ("09:50", "10:00", Visibility.PUBLIC, {
            "en": "Adoption of the agenda", "ko": "의제 채택", "th": "การรับรองระเบียบวาระ",
            "ar": "إقرار جدول الأعمال", "ja": "議題の採択", "zh_Hans": "通过议程",
            "vi": "Thông qua chương trình nghị sự", "km": "ការអនុម័តរបៀបវារៈ",
            "lo": "ການຮັບຮອງວາລະກອງປະຊຸມ", "id": "Pengesahan agenda",
            "ms": "Penerimaan agenda", "fil": "Pagpapatibay ng agenda",
            "fr": "Adoption de l’ordre du jour", "es": "Aprobación del orden del día",
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


def _texts(title: dict) -> dict:
    """A title in every language: the AGENDA literal with app/demo/agenda_texts.py over it."""
    return {**title, **AGENDA_TEXTS.get(title["en"], {})}


def _seoul(day: int, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    local = datetime(2025, 11, day, hour, minute, tzinfo=ZoneInfo(ZONE))
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def create_meeting(series: Series, orgs: dict) -> Meeting:
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
               "fr": "Première réunion de l’opération Breaking Chains",
               "es": "Primera reunión de la Operación Breaking Chains",
               "km": "កិច្ចប្រជុំលើកទី 1 នៃប្រតិបត្តិការ Breaking Chains",
               "lo": "ກອງປະຊຸມຄັ້ງທີ 1 ຂອງການປະຕິບັດງານ Breaking Chains",
               "id": "Rapat Pertama Operasi Breaking Chains",
               "ms": "Mesyuarat Pertama Operasi Breaking Chains",
               "fil": "Unang Pulong ng Operasyong Breaking Chains",
               "pt": "Primeira Reunião da Operação Breaking Chains"},
        city={"en": "Seoul", "ko": "서울", "th": "โซล", "ar": "سول", "ja": "ソウル",
              "zh_Hans": "首尔", "vi": "Seoul", "km": "សេអ៊ូល", "lo": "ໂຊລ", "id": "Seoul",
              "ms": "Seoul", "fil": "Seoul", "fr": "Séoul", "es": "Seúl", "pt": "Seul"},
        venue={"en": "Korean National Police Agency, 97 Tongil-ro, Seodaemun-gu, Seoul",
               "ko": "경찰청 (서울특별시 서대문구 통일로 97)",
               "zh_Hans": "大韩民国警察厅（首尔特别市西大门区统一路97号）",
               "ja": "韓国警察庁（ソウル特別市西大門区統一路97）",
               "vi": "Cơ quan Cảnh sát Quốc gia Hàn Quốc, số 97 Tongil-ro, quận Seodaemun, Seoul",
               "th": "สำนักงานตำรวจแห่งชาติเกาหลี เลขที่ 97 ถนนทงอิล เขตซอแดมุน กรุงโซล",
               "km": "អគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ ផ្ទះលេខ 97 ផ្លូវថុងអ៊ីល ខណ្ឌសូដេមុន "
                     "ក្រុងសេអ៊ូល",
               "lo": "ກົມຕຳຫຼວດແຫ່ງຊາດເກົາຫຼີ ເລກທີ 97 ຖະໜົນທົງອິນ ເຂດຊອແດມຸນ ນະຄອນໂຊລ",
               "id": "Badan Kepolisian Nasional Korea, Tongil-ro 97, Seodaemun-gu, Seoul",
               "ms": "Agensi Polis Kebangsaan Korea, 97 Tongil-ro, Seodaemun-gu, Seoul",
               "fil": "Korean National Police Agency, 97 Tongil-ro, Seodaemun-gu, Seoul",
               "ar": "وكالة الشرطة الوطنية الكورية، 97 طريق تونغيل، حي سوديمون، سول",
               "fr": "Agence nationale de police coréenne, 97 Tongil-ro, Seodaemun-gu, Séoul",
               "es": "Agencia Nacional de Policía de Corea, Tongil-ro 97, Seodaemun-gu, Seúl",
               "pt": "Agência Nacional de Polícia da Coreia, Tongil-ro 97, Seodaemun-gu, Seul"},
        public_summary={
            "en": "The first meeting of the international operation against transnational "
                  "scam syndicates, hosted by the Korean National Police Agency.",
            "ko": "경찰청이 주최하는 초국가 스캠 범죄조직 대응 국제 공조 작전의 첫 회의입니다.",
            "zh_Hans": "打击跨国诈骗集团国际行动的第一次会议，由大韩民国警察厅主办。",
            "ja": "国境を越える詐欺組織に対する国際作戦の第1回会合。韓国警察庁が主催します。",
            "vi": "Hội nghị lần thứ nhất của chiến dịch quốc tế chống các đường dây lừa đảo "
                  "xuyên quốc gia, do Cơ quan Cảnh sát Quốc gia Hàn Quốc đăng cai.",
            "th": "การประชุมครั้งแรกของปฏิบัติการระหว่างประเทศเพื่อต่อต้านเครือข่ายฉ้อโกงข้ามชาติ "
                  "โดยมีสำนักงานตำรวจแห่งชาติเกาหลีเป็นเจ้าภาพ",
            "km": "កិច្ចប្រជុំលើកទីមួយនៃប្រតិបត្តិការអន្តរជាតិប្រឆាំងនឹងក្រុមឧក្រិដ្ឋកម្មឆបោកឆ្លងដែន "
                  "ដែលរៀបចំដោយអគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ។",
            "lo": "ກອງປະຊຸມຄັ້ງທຳອິດຂອງການປະຕິບັດງານສາກົນ ເພື່ອຕ້ານເຄືອຂ່າຍສໍ້ໂກງຂ້າມຊາດ "
                  "ເຊິ່ງກົມຕຳຫຼວດແຫ່ງຊາດເກົາຫຼີເປັນເຈົ້າພາບ.",
            "id": "Rapat pertama operasi internasional melawan sindikat penipuan transnasional, "
                  "dengan Badan Kepolisian Nasional Korea sebagai tuan rumah.",
            "ms": "Mesyuarat pertama operasi antarabangsa menentang sindiket penipuan rentas "
                  "negara, dengan Agensi Polis Kebangsaan Korea sebagai tuan rumah.",
            "fil": "Ang unang pulong ng pandaigdigang operasyon laban sa mga transnasyonal na "
                   "sindikato ng panloloko, na pinangungunahan ng Korean National Police Agency.",
            "ar": "الاجتماع الأول للعملية الدولية لمكافحة عصابات الاحتيال عبر الوطنية، "
                  "تستضيفه وكالة الشرطة الوطنية الكورية.",
            "fr": "Première réunion de l’opération internationale contre les réseaux "
                  "d’escroquerie transnationaux, accueillie par l’Agence nationale de police "
                  "coréenne.",
            "es": "Primera reunión de la operación internacional contra las redes "
                  "transnacionales de estafa, organizada por la Agencia Nacional de Policía de "
                  "Corea.",
            "pt": "Primeira reunião da operação internacional contra as redes transnacionais de "
                  "golpes, sediada pela Agência Nacional de Polícia da Coreia."})
    db.session.add(meeting)
    db.session.flush()
    for code, _acronym, _country, _language, category, _names in ORGANISATIONS:
        db.session.add(MeetingOrganisation(meeting=meeting, organisation=orgs[code],
                                           category=category))
    rooms = {key: Room(meeting=meeting, name=names) for key, names in ROOMS.items()}
    db.session.add_all(rooms.values())
    for position, (day, start, end, room, title, items) in enumerate(AGENDA, 1):
        block = AgendaSession(meeting_id=meeting.id, position=position, title=_texts(title),
                              starts_at=_seoul(day, start), ends_at=_seoul(day, end),
                              room=rooms[room])
        db.session.add(block)
        for item_position, (i_start, i_end, visibility, i_title, subs) in enumerate(items, 1):
            item = AgendaItem(meeting_id=meeting.id, session=block, position=item_position,
                              title=_texts(i_title), starts_at=_seoul(day, i_start),
                              ends_at=_seoul(day, i_end), room=rooms[room],
                              visibility=visibility)
            db.session.add(item)
            db.session.flush()
            for sub_position, sub_title in enumerate(subs, 1):
                db.session.add(AgendaItem(meeting_id=meeting.id, session=block, parent_id=item.id,
                                          position=sub_position, title=_texts(sub_title),
                                          visibility=visibility))
    return meeting


STANDING = ("Opening of the meeting and welcome address by the Commissioner General "
            "of the Korean National Police Agency", "Adoption of the agenda",
            "Statements by delegations", "Closing of the meeting")


def mark_standing_items(meeting: Meeting) -> None:
    for item in db.session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id)):
        if item.title.get("en") in STANDING:
            item.standing = True
