"""The demo invitation letter of the Seoul meeting, in every UI language."""

SUBJECT = {
    "en": "Invitation to the {meeting}",
    "ko": "{meeting} 초청",
    "zh_Hans": "{meeting}邀请函",
    "ja": "{meeting}へのご招待",
    "vi": "Thư mời tham dự {meeting}",
    "th": "หนังสือเชิญเข้าร่วม{meeting}",
    "km": "លិខិតអញ្ជើញចូលរួម{meeting}",
    "lo": "ໜັງສືເຊີນເຂົ້າຮ່ວມ{meeting}",
    "id": "Undangan {meeting}",
    "ms": "Jemputan ke {meeting}",
    "fil": "Paanyaya sa {meeting}",
    "ar": "دعوة إلى {meeting}",
    "fr": "Invitation à la {meeting}",
    "es": "Invitación a la {meeting}",
    "pt": "Convite para a {meeting}",
}

BODY = {
    "en": "Dear {addressee},\n\nOn behalf of the {host}, I have the "
          "honour to invite {agency} to the {meeting}, to be held in {city} {dates} at "
          "{venue}.\n\nThe meeting will agree on joint operations and on the sharing of "
          "information against transnational scam syndicates. Your delegation may include up "
          "to {quota} members.\n\nWe would be grateful for your answer by {reply_by}.",
    "ko": "{addressee} 귀하\n\n주최 기관인 {host} 측을 대표하여 {dates} {city} {venue}에서 "
          "개최되는 {meeting}에 {agency} 측을 초청하게 되어 영광입니다.\n\n"
          "이번 회의에서는 초국가 스캠 범죄조직에 대응하기 위한 합동 작전과 정보 공유 "
          "방안을 논의합니다. 대표단은 최대 "
          "{quota}명까지 구성하실 수 있습니다.\n\n{reply_by}까지 회신하여 주시면 감사하겠습니다.",
    "zh_Hans": "尊敬的{addressee}：\n\n谨代表{host}，诚邀{agency}出席定于{dates}在{city}"
               "{venue}举行的{meeting}。\n\n会议将商定打击跨国诈骗集团的联合行动与信息共享。"
               "贵方代表团成员最多{quota}人。\n\n敬请于{reply_by}前回复。",
    "ja": "{addressee} 様\n\n{host}を代表し、{dates}に{city}の{venue}にて開催される"
          "{meeting}に{agency}をご招待申し上げます。\n\n本会合では、国境を越える詐欺組織に"
          "対する合同作戦及び情報共有について協議します。代表団は{quota}名までとさせて"
          "いただきます。\n\n{reply_by}までにご回答いただければ幸いです。",
    "vi": "Kính gửi {addressee},\n\nThay mặt {host}, tôi trân trọng "
          "kính mời {agency} tham dự {meeting}, được tổ chức tại {venue}, {city} {dates}."
          "\n\nHội nghị sẽ thống nhất các hoạt động chung và việc chia sẻ thông tin nhằm chống "
          "các đường dây lừa đảo xuyên quốc gia. Đoàn của Quý cơ quan có thể gồm tối đa "
          "{quota} thành viên.\n\nRất mong nhận được phản hồi trước ngày {reply_by}.",
    "th": "เรียน {addressee}\n\nในนามของ{host} ข้าพเจ้ามีเกียรติขอเชิญ "
          "{agency} เข้าร่วม{meeting} ซึ่งจะจัดขึ้น ณ {venue} {city} {dates}"
          "\n\nที่ประชุมจะหารือและตกลงเรื่องปฏิบัติการร่วมและการแลกเปลี่ยนข้อมูลเพื่อต่อต้าน"
          "เครือข่ายฉ้อโกงข้ามชาติ คณะผู้แทนของท่านมีสมาชิกได้ไม่เกิน {quota} คน\n\n"
          "จึงขอความกรุณาแจ้งตอบภายในวันที่ {reply_by}",
    "km": "ជូនចំពោះ {addressee}\n\nក្នុងនាម{host} ខ្ញុំមានកិត្តិយសសូម"
          "អញ្ជើញ {agency} ចូលរួម{meeting} ដែលនឹងប្រព្រឹត្តទៅនៅ {venue} ក្រុង{city} {dates}។"
          "\n\nកិច្ចប្រជុំនេះនឹងឯកភាពលើប្រតិបត្តិការរួម និងការចែករំលែកព័ត៌មាន ដើម្បីប្រឆាំងនឹង"
          "ក្រុមឧក្រិដ្ឋកម្មឆបោកឆ្លងដែន។ គណៈប្រតិភូរបស់លោកអ្នកអាចមានសមាជិករហូតដល់ {quota} នាក់។"
          "\n\nសូមមេត្តាឆ្លើយតបមុនថ្ងៃទី {reply_by}។",
    "lo": "ຮຽນ {addressee}\n\nໃນນາມຂອງ{host} ຂ້າພະເຈົ້າມີກຽດຂໍເຊີນ {agency} "
          "ເຂົ້າຮ່ວມ{meeting} ເຊິ່ງຈະຈັດຂຶ້ນທີ່ {venue} ນະຄອນ{city} {dates}.\n\n"
          "ກອງປະຊຸມຈະຕົກລົງກ່ຽວກັບການປະຕິບັດງານຮ່ວມ ແລະ ການແລກປ່ຽນຂໍ້ມູນ ເພື່ອຕ້ານເຄືອຂ່າຍ"
          "ສໍ້ໂກງຂ້າມຊາດ. ຄະນະຜູ້ແທນຂອງທ່ານມີສະມາຊິກໄດ້ບໍ່ເກີນ {quota} ທ່ານ.\n\n"
          "ກະລຸນາຕອບກັບພາຍໃນວັນທີ {reply_by}.",
    "id": "Yth. {addressee},\n\nAtas nama {host}, dengan hormat kami "
          "mengundang {agency} untuk menghadiri {meeting} yang akan diselenggarakan di {venue}, "
          "{city}, {dates}.\n\nRapat akan menyepakati operasi gabungan dan pertukaran "
          "informasi untuk melawan sindikat penipuan transnasional. Delegasi Anda dapat "
          "beranggotakan paling banyak {quota} orang.\n\nKami mengharapkan jawaban Anda "
          "selambat-lambatnya {reply_by}.",
    "ms": "Tuan/Puan {addressee},\n\nBagi pihak {host}, saya dengan "
          "sukacitanya menjemput {agency} ke {meeting} yang akan diadakan di {venue}, {city}, "
          "{dates}.\n\nMesyuarat ini akan bersetuju tentang operasi bersama dan perkongsian "
          "maklumat bagi membanteras sindiket penipuan rentas negara. Delegasi anda boleh "
          "dianggotai oleh tidak lebih daripada {quota} orang.\n\nKami amat menghargai jawapan "
          "anda sebelum {reply_by}.",
    "fil": "Mahal na {addressee},\n\nSa ngalan ng {host}, ikinararangal "
           "kong anyayahan ang {agency} sa {meeting}, na gaganapin sa {venue}, {city}, "
           "{dates}.\n\nMagkakasundo ang pulong sa mga magkasanib na operasyon at sa pagbabahagi "
           "ng impormasyon laban sa mga transnasyonal na sindikato ng panloloko. Maaaring "
           "magkaroon ang inyong delegasyon ng hanggang {quota} miyembro.\n\nMalugod naming "
           "hihintayin ang inyong sagot hanggang {reply_by}.",
    "ar": "السيد/السيدة {addressee} المحترم/المحترمة،\n\nبالنيابة عن {host}، "
          "يشرفني أن أدعو {agency} إلى {meeting}، الذي سيُعقد في {venue}، {city}، {dates}."
          "\n\nسيتفق الاجتماع على العمليات المشتركة وتبادل المعلومات لمكافحة عصابات الاحتيال "
          "العابرة للحدود. ويجوز أن يضم وفدكم ما يصل إلى {quota} أعضاء.\n\nنرجو التكرم بالرد "
          "في موعد أقصاه {reply_by}.",
    "fr": "À l’attention de {addressee}\n\nMadame, Monsieur,\n\nAu nom de l’institution "
          "hôte ({host}), j’ai l’honneur d’inviter {agency} à la {meeting}, qui se tiendra à "
          "{city} ({venue}) "
          "{dates}.\n\nLa réunion arrêtera des opérations conjointes et un échange "
          "d’informations contre les réseaux d’escroquerie transnationaux. Votre délégation "
          "pourra compter jusqu’à {quota} membres.\n\nNous vous serions reconnaissants de bien "
          "vouloir répondre avant le {reply_by}.",
    "es": "Estimado/a {addressee}:\n\nEn nombre de la institución anfitriona ({host}), "
          "tengo el honor de invitar a {agency} a la {meeting}, que se celebrará en {city} "
          "({venue}) {dates}.\n\nLa reunión acordará operaciones conjuntas y el intercambio "
          "de información contra las redes transnacionales de estafa. Su delegación podrá "
          "estar integrada por hasta {quota} miembros.\n\nLe agradeceríamos que respondiera "
          "antes del {reply_by}.",
    "pt": "Prezado(a) {addressee},\n\nEm nome da instituição anfitriã ({host}), tenho a "
          "honra de convidar {agency} para a {meeting}, que será realizada em {city} ({venue}) "
          "{dates}.\n\nA reunião acordará operações conjuntas e o intercâmbio de informações "
          "contra as redes transnacionais de golpes. Sua delegação poderá ter até {quota} "
          "membros.\n\nAgradeceríamos sua resposta até {reply_by}.",
}
