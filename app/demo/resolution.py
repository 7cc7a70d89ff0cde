"""Resolution 1 of the Seoul meeting: its text in the 15 languages of the application, and the
step that adds it, adopted, to the demo meeting."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.meetings.models import Meeting
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

LANGUAGES = ("en", "ko", "zh_Hans", "ja", "vi", "th", "km", "lo",
             "id", "ms", "fil", "ar", "fr", "es", "pt")

TITLE = {
    "en": "Cross-border cooperation against transnational scam syndicates",
    "ko": "초국가 스캠 범죄조직 대응을 위한 국경 간 협력",
    "zh_Hans": "开展跨境合作打击跨国诈骗集团",
    "ja": "国境を越える詐欺組織に対抗するための越境協力",
    "vi": "Hợp tác xuyên biên giới chống các đường dây lừa đảo xuyên quốc gia",
    "th": "ความร่วมมือข้ามพรมแดนเพื่อต่อต้านเครือข่ายฉ้อโกงข้ามชาติ",
    "km": "កិច្ចសហប្រតិបត្តិការឆ្លងព្រំដែនប្រឆាំងនឹងក្រុមឧក្រិដ្ឋកម្មឆបោកឆ្លងដែន",
    "lo": "ການຮ່ວມມືຂ້າມຊາຍແດນ ເພື່ອຕ້ານເຄືອຂ່າຍສໍ້ໂກງຂ້າມຊາດ",
    "id": "Kerja sama lintas batas dalam memberantas sindikat penipuan transnasional",
    "ms": "Kerjasama rentas sempadan bagi membanteras sindiket penipuan rentas negara",
    "fil": "Pagtutulungang lampas sa mga hangganan laban sa mga transnasyonal na sindikato ng "
           "panloloko",
    "ar": "التعاون العابر للحدود في مكافحة عصابات الاحتيال عبر الوطنية",
    "fr": "Coopération transfrontière contre les réseaux d'escroquerie transnationaux",
    "es": "Cooperación transfronteriza contra las redes transnacionales de estafa",
    "pt": "Cooperação transfronteiriça contra as redes transnacionais de golpes",
}

PREAMBLE = [  # one dict per paragraph, in order
    {
        "en": "*Gravely concerned* by the growth of transnational scam syndicates that use voice "
              "phishing, romance scams and other fraud to target victims across borders,",
        "ko": "보이스피싱, 로맨스 스캠 및 그 밖의 사기 수법을 이용하여 국경을 넘어 피해자를 "
              "노리는 초국가 스캠 범죄조직의 증가를 *깊이 우려하며*,",
        "zh_Hans": "*严重关切*跨国诈骗集团日益增多，这些集团利用电话诈骗、"
                   "婚恋诈骗和其他欺诈手段跨境侵害被害人，",
        "ja": "ボイスフィッシング、"
              "ロマンス詐欺その他の詐欺の手口により国境を越えて被害者を狙う詐欺組織が拡大している"
              "ことを*深く憂慮し*、",
        "vi": "*Hết sức quan ngại* về sự gia tăng của các đường dây lừa đảo xuyên quốc gia sử "
              "dụng thủ đoạn lừa đảo qua điện thoại, lừa đảo tình cảm và các hình thức gian lận "
              "khác để nhắm vào nạn nhân xuyên biên giới,",
        "th": "*ห่วงกังวลอย่างยิ่ง*ต่อการขยายตัวของเครือข่ายฉ้อโกงข้ามชาติที่ใช้การหลอกลวงทางโทรศัพท์ "
              "การหลอกลวงให้หลงรัก (โรแมนซ์สแกม) และการฉ้อโกงรูปแบบอื่น ๆ เพื่อมุ่งเป้าไปที่ผู้เสียหายข้ามพรมแดน",
        "km": "*ព្រួយបារម្ភយ៉ាងខ្លាំង*ចំពោះការរីករាលដាលនៃក្រុមឧក្រិដ្ឋកម្មឆបោកឆ្លងដែន ដែលប្រើប្រាស់ការឆបោកតាមទូរស័ព្ទ "
              "ការឆបោកតាមបែបស្នេហា និងការក្លែងបន្លំផ្សេងៗទៀត ដើម្បីកំណត់គោលដៅលើជនរងគ្រោះឆ្លងកាត់ព្រំដែន,",
        "lo": "*ມີຄວາມເປັນຫ່ວງຢ່າງຍິ່ງ*ຕໍ່ການຂະຫຍາຍຕົວຂອງເຄືອຂ່າຍສໍ້ໂກງຂ້າມຊາດ ທີ່ນຳໃຊ້ການຕົ້ມຕຸ໋ນທາງໂທລະສັບ, "
              "ການຕົ້ມຕຸ໋ນທາງຄວາມຮັກ ແລະ ການສໍ້ໂກງຮູບແບບອື່ນໆ ເພື່ອແນເປົ້າໝາຍໃສ່ຜູ້ເຄາະຮ້າຍຂ້າມຊາຍແດນ,",
        "id": "*Sangat prihatin* atas berkembangnya sindikat penipuan transnasional yang "
              "menggunakan penipuan melalui telepon, penipuan berkedok asmara, dan bentuk "
              "penipuan lainnya untuk menyasar korban lintas batas negara,",
        "ms": "*Amat bimbang* dengan peningkatan sindiket penipuan rentas negara yang menggunakan "
              "penipuan panggilan telefon, penipuan cinta dan bentuk penipuan lain untuk "
              "menyasarkan mangsa merentasi sempadan,",
        "fil": "*Lubhang nababahala* sa paglaganap ng mga transnasyonal na sindikato ng panloloko "
               "na gumagamit ng voice phishing, romance scam at iba pang uri ng pandaraya upang "
               "mambiktima ng mga tao sa ibang mga bansa,",
        "ar": "*إذ يساوره بالغ القلق* إزاء تنامي عصابات الاحتيال عبر الوطنية التي تلجأ إلى التصيد "
              "الصوتي والاحتيال العاطفي وغيرهما من أشكال الاحتيال لاستهداف الضحايا عبر الحدود،",
        "fr": "*Profondément préoccupée* par l'essor des réseaux d'escroquerie transnationaux qui "
              "recourent à l'hameçonnage vocal, aux escroqueries sentimentales et à d'autres "
              "formes de fraude pour cibler des victimes par-delà les frontières,",
        "es": "*Gravemente preocupada* por el crecimiento de las redes transnacionales de estafa "
              "que recurren a las estafas telefónicas, las estafas sentimentales y otros tipos de "
              "fraude para defraudar a víctimas de otros países,",
        "pt": "*Profundamente preocupada* com o crescimento das redes transnacionais de golpes "
              "que recorrem ao phishing por voz, aos golpes românticos e a outras fraudes para "
              "atingir vítimas além das fronteiras,",
    },
    {
        "en": "*Recognising* that these syndicates recruit members from many countries and "
              "operate from bases in several jurisdictions,",
        "ko": "이들 범죄조직이 여러 국가에서 조직원을 모집하고 여러 관할권에 거점을 두고 활동하고 "
              "있음을 *인식하며*,",
        "zh_Hans": "*认识到*这些集团从许多国家招募成员，并以多个法域为据点开展活动，",
        "ja": "これらの組織が多数の国から構成員を募り、"
              "複数の管轄区域に拠点を置いて活動していることを*認識し*、",
        "vi": "*Thừa nhận* rằng các đường dây này tuyển mộ thành viên từ nhiều quốc gia và hoạt "
              "động từ các căn cứ đặt tại nhiều khu vực tài phán,",
        "th": "*ตระหนัก*ว่าเครือข่ายเหล่านี้รับสมาชิกจากหลายประเทศ และปฏิบัติการจากฐานที่ตั้งในหลายเขตอำนาจ",
        "km": "*ទទួលស្គាល់*ថា ក្រុមទាំងនេះជ្រើសរើសសមាជិកពីប្រទេសជាច្រើន "
              "និងធ្វើប្រតិបត្តិការពីមូលដ្ឋាននានាក្នុងយុត្តាធិការជាច្រើន,",
        "lo": "*ຮັບຮູ້*ວ່າ ເຄືອຂ່າຍເຫຼົ່ານີ້ຮັບສະໝັກສະມາຊິກຈາກຫຼາຍປະເທດ ແລະ "
              "ເຄື່ອນໄຫວຈາກຖານທີ່ຕັ້ງໃນຫຼາຍເຂດອຳນາດການປົກຄອງ,",
        "id": "*Mengakui* bahwa sindikat-sindikat tersebut merekrut anggota dari banyak negara "
              "dan beroperasi dari basis-basis di beberapa yurisdiksi,",
        "ms": "*Mengiktiraf* bahawa sindiket ini merekrut ahli dari banyak negara dan beroperasi "
              "dari pangkalan di beberapa bidang kuasa,",
        "fil": "*Kinikilala* na ang mga sindikatong ito ay nangangalap ng mga miyembro mula sa "
               "maraming bansa at kumikilos mula sa mga base sa iba't ibang hurisdiksyon,",
        "ar": "*وإذ يسلم* بأن هذه العصابات تجند أعضاء من بلدان عديدة وتعمل انطلاقا من قواعد في "
              "ولايات قضائية متعددة،",
        "fr": "*Consciente* que ces réseaux recrutent leurs membres dans de nombreux pays et "
              "opèrent à partir de bases situées dans plusieurs juridictions,",
        "es": "*Reconociendo* que esas redes captan miembros en muchos países y operan desde "
              "bases situadas en varias jurisdicciones,",
        "pt": "*Reconhecendo* que essas redes recrutam membros em muitos países e operam a partir "
              "de bases situadas em várias jurisdições,",
    },
    {
        "en": "*Recalling* that the Korean National Police Agency announced the Breaking Chains "
              "alliance on 23 October 2025 to share information and coordinate action against "
              "such syndicates,",
        "ko": "대한민국 경찰청이 2025년 10월 23일 정보를 공유하고 이러한 범죄조직에 대한 대응을 "
              "조율하기 위하여 브레이킹 체인스 연합의 출범을 발표하였음을 *상기하며*,",
        "zh_Hans": "*回顾*大韩民国警察厅于2025年10月23日宣布成立“断链”联盟，"
                   "以共享信息并协调打击此类集团的行动，",
        "ja": "韓国警察庁が、2025年10月23日、情報を共有し、"
              "これらの組織に対する行動を調整するため、"
              "「ブレイキング・チェーンズ」連合の発足を発表したことを*想起し*、",
        "vi": "*Nhắc lại* rằng Cơ quan Cảnh sát Quốc gia Hàn Quốc đã công bố liên minh Breaking "
              "Chains vào ngày 23 tháng 10 năm 2025 nhằm chia sẻ thông tin và phối hợp hành động "
              "chống lại các đường dây này,",
        "th": "*ระลึกถึง*การที่สำนักงานตำรวจแห่งชาติเกาหลีได้ประกาศจัดตั้งพันธมิตร Breaking Chains เมื่อวันที่ 23 "
              "ตุลาคม ค.ศ. 2025 เพื่อแลกเปลี่ยนข้อมูลและประสานการดำเนินการต่อต้านเครือข่ายดังกล่าว",
        "km": "*រំលឹក*ថា អគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ បានប្រកាសបង្កើតសម្ព័ន្ធភាព Breaking Chains កាលពីថ្ងៃទី២៣ "
              "ខែតុលា ឆ្នាំ២០២៥ ដើម្បីចែករំលែកព័ត៌មាន និងសម្របសម្រួលសកម្មភាពប្រឆាំងនឹងក្រុមទាំងនោះ,",
        "lo": "*ລະນຶກເຖິງ*ວ່າ ກົມຕຳຫຼວດແຫ່ງຊາດເກົາຫຼີ ໄດ້ປະກາດສ້າງຕັ້ງພັນທະມິດ Breaking Chains ໃນວັນທີ 23 ຕຸລາ 2025 "
              "ເພື່ອແລກປ່ຽນຂໍ້ມູນຂ່າວສານ ແລະ ປະສານງານການເຄື່ອນໄຫວຕ້ານເຄືອຂ່າຍດັ່ງກ່າວ,",
        "id": "*Mengingat kembali* bahwa Badan Kepolisian Nasional Korea telah mengumumkan "
              "pembentukan aliansi Breaking Chains pada tanggal 23 Oktober 2025 untuk berbagi "
              "informasi dan mengoordinasikan tindakan terhadap sindikat-sindikat tersebut,",
        "ms": "*Mengingat kembali* bahawa Agensi Polis Kebangsaan Korea telah mengumumkan "
              "perikatan Breaking Chains pada 23 Oktober 2025 bagi berkongsi maklumat dan "
              "menyelaraskan tindakan terhadap sindiket sedemikian,",
        "fil": "*Inaalala* na inihayag ng Korean National Police Agency noong ika-23 ng Oktubre "
               "2025 ang alyansang Breaking Chains upang magbahagi ng impormasyon at pag-ugnayin "
               "ang pagkilos laban sa mga naturang sindikato,",
        "ar": "*وإذ يشير* إلى أن وكالة الشرطة الوطنية الكورية أعلنت في 23 أكتوبر 2025 "
              "عن إنشاء تحالف «كسر السلاسل» لتبادل المعلومات وتنسيق الإجراءات المتخذة ضد هذه "
              "العصابات،",
        "fr": "*Rappelant* que l'Agence nationale de police coréenne a annoncé le 23 octobre 2025 "
              "la création de l'alliance Breaking Chains, qui vise à mettre en commun des "
              "informations et à coordonner l'action menée contre ces réseaux,",
        "es": "*Recordando* que la Agencia Nacional de Policía de Corea anunció el 23 de octubre "
              "de 2025 la creación de la alianza Breaking Chains para intercambiar información y "
              "coordinar la acción contra esas redes,",
        "pt": "*Recordando* que a Agência Nacional de Polícia da Coreia anunciou, em 23 de "
              "outubro de 2025, a aliança Breaking Chains, com o objetivo de compartilhar "
              "informações e coordenar a ação contra essas redes,",
    },
    {
        "en": "*Welcoming* the participation of INTERPOL, ASEANAPOL, AMERIPOL and AFRIPOL,",
        "ko": "INTERPOL, ASEANAPOL, AMERIPOL 및 AFRIPOL의 참여를 *환영하며*,",
        "zh_Hans": "*欢迎*INTERPOL、ASEANAPOL、AMERIPOL和AFRIPOL参与，",
        "ja": "INTERPOL、ASEANAPOL、AMERIPOL及びAFRIPOLの参加を*歓迎し*、",
        "vi": "*Hoan nghênh* sự tham gia của INTERPOL, ASEANAPOL, AMERIPOL và AFRIPOL,",
        "th": "*ยินดี*ต่อการเข้าร่วมของ INTERPOL ASEANAPOL AMERIPOL และ AFRIPOL",
        "km": "*ស្វាគមន៍*ចំពោះការចូលរួមរបស់ INTERPOL, ASEANAPOL, AMERIPOL និង AFRIPOL,",
        "lo": "*ຍິນດີຕ້ອນຮັບ*ການເຂົ້າຮ່ວມຂອງ INTERPOL, ASEANAPOL, AMERIPOL ແລະ AFRIPOL,",
        "id": "*Menyambut baik* partisipasi INTERPOL, ASEANAPOL, AMERIPOL, dan AFRIPOL,",
        "ms": "*Mengalu-alukan* penyertaan INTERPOL, ASEANAPOL, AMERIPOL dan AFRIPOL,",
        "fil": "*Malugod na tinatanggap* ang pakikilahok ng INTERPOL, ASEANAPOL, AMERIPOL at "
               "AFRIPOL,",
        "ar": "*وإذ يرحب* بمشاركة INTERPOL و ASEANAPOL و AMERIPOL و AFRIPOL،",
        "fr": "*Se félicitant* de la participation d'INTERPOL, d'ASEANAPOL, d'AMERIPOL et "
              "d'AFRIPOL,",
        "es": "*Acogiendo con beneplácito* la participación de INTERPOL, ASEANAPOL, AMERIPOL y "
              "AFRIPOL,",
        "pt": "*Acolhendo com satisfação* a participação da INTERPOL, da ASEANAPOL, da AMERIPOL e "
              "da AFRIPOL,",
    },
]

# One tuple per operative paragraph:
# (text per language, [sub-paragraphs, each a text per language])
OPERATIVE = [
    (
        {
            "en": "*Decides* to establish a network of national contact points, available at all "
                  "times, for the exchange of information on scam syndicates and their members;",
            "ko": "스캠 범죄조직 및 그 조직원에 관한 정보 교환을 위하여 상시 연락이 가능한 국가별 "
                  "연락창구 네트워크를 구축하기로 *결정한다*.",
            "zh_Hans": "*决定*建立全天候可联络的国家联络点网络，"
                       "用于交流有关诈骗集团及其成员的信息；",
            "ja": "詐欺組織及びその構成員に関する情報交換のため、"
                  "常時対応可能な各国の連絡窓口から成るネットワークを設置することを*決定する*。",
            "vi": "*Quyết định* thiết lập mạng lưới các đầu mối liên lạc quốc gia, hoạt động "
                  "thường trực, để trao đổi thông tin về các đường dây lừa đảo và thành viên của "
                  "chúng;",
            "th": "*มีมติ*ให้จัดตั้งเครือข่ายจุดติดต่อระดับชาติที่ติดต่อได้ตลอดเวลา "
                  "เพื่อแลกเปลี่ยนข้อมูลเกี่ยวกับเครือข่ายฉ้อโกงและสมาชิกของเครือข่ายดังกล่าว",
            "km": "*សម្រេច*បង្កើតបណ្តាញចំណុចទំនាក់ទំនងជាតិ ដែលអាចទាក់ទងបានគ្រប់ពេលវេលា "
                  "សម្រាប់ការផ្លាស់ប្តូរព័ត៌មានអំពីក្រុមឆបោក និងសមាជិករបស់ក្រុមទាំងនោះ;",
            "lo": "*ຕົກລົງ*ສ້າງຕັ້ງເຄືອຂ່າຍຈຸດປະສານງານແຫ່ງຊາດ ທີ່ສາມາດຕິດຕໍ່ໄດ້ຕະຫຼອດເວລາ "
                  "ເພື່ອແລກປ່ຽນຂໍ້ມູນກ່ຽວກັບເຄືອຂ່າຍສໍ້ໂກງ ແລະ ສະມາຊິກຂອງເຄືອຂ່າຍດັ່ງກ່າວ;",
            "id": "*Memutuskan* untuk membentuk jaringan titik kontak nasional yang siaga setiap "
                  "saat guna pertukaran informasi mengenai sindikat penipuan dan para anggotanya;",
            "ms": "*Memutuskan* untuk menubuhkan rangkaian pusat hubungan kebangsaan yang boleh "
                  "dihubungi pada setiap masa bagi pertukaran maklumat mengenai sindiket penipuan "
                  "dan ahli-ahlinya;",
            "fil": "*Nagpapasya* na magtatag ng isang network ng mga pambansang contact point, na "
                   "maaaring makontak anumang oras, para sa pagpapalitan ng impormasyon tungkol "
                   "sa mga sindikato ng panloloko at sa kanilang mga miyembro;",
            "ar": "*يقرر* إنشاء شبكة من جهات الاتصال الوطنية تكون متاحة في جميع الأوقات لتبادل "
                  "المعلومات عن عصابات الاحتيال وأعضائها؛",
            "fr": "*Décide* de créer un réseau de points de contact nationaux, joignables en "
                  "permanence, aux fins de l'échange d'informations sur les réseaux d'escroquerie "
                  "et leurs membres\u00a0;",
            "es": "*Decide* establecer una red de puntos de contacto nacionales, disponibles en "
                  "todo momento, para el intercambio de información sobre las redes de estafa y "
                  "sus miembros;",
            "pt": "*Decide* estabelecer uma rede de pontos de contato nacionais, disponíveis em "
                  "tempo integral, para o intercâmbio de informações sobre as redes de golpes e "
                  "seus membros;",
        },
        [],
    ),
    (
        {
            "en": "*Agrees* to plan and carry out joint operations, including coordinated "
                  "cross-border raids, in accordance with the law of each participating country;",
            "ko": "각 참여국의 법률에 따라, 국경을 넘는 공조 단속을 포함한 합동 작전을 계획하고 "
                  "실행하기로 *합의한다*.",
            "zh_Hans": "*同意*依照各参与国的法律，规划并开展联合行动，包括协调一致的跨境突击行动；",
            "ja": "各参加国の法令に従い、国境を越えて連携した一斉摘発を含む合同作戦を計画し、"
                  "実施することに*合意する*。",
            "vi": "*Nhất trí* lên kế hoạch và tiến hành các chiến dịch chung, bao gồm các đợt "
                  "truy quét xuyên biên giới có phối hợp, phù hợp với pháp luật của từng quốc gia "
                  "tham gia;",
            "th": "*เห็นพ้อง*ที่จะวางแผนและดำเนินปฏิบัติการร่วม รวมถึงการเข้าตรวจค้นข้ามพรมแดนที่มีการประสานงานกัน "
                  "ตามกฎหมายของแต่ละประเทศที่เข้าร่วม",
            "km": "*យល់ព្រម*រៀបចំផែនការ និងអនុវត្តប្រតិបត្តិការរួមគ្នា "
                  "រួមទាំងការចុះឆ្មក់ឆ្លងព្រំដែនប្រកបដោយការសម្របសម្រួល ស្របតាមច្បាប់របស់ប្រទេសចូលរួមនីមួយៗ;",
            "lo": "*ເຫັນດີ*ວາງແຜນ ແລະ ດຳເນີນການປະຕິບັດງານຮ່ວມ ລວມທັງການບຸກກວາດລ້າງຂ້າມຊາຍແດນທີ່ມີການປະສານງານກັນ "
                  "ໂດຍສອດຄ່ອງກັບກົດໝາຍຂອງແຕ່ລະປະເທດທີ່ເຂົ້າຮ່ວມ;",
            "id": "*Sepakat* untuk merencanakan dan melaksanakan operasi gabungan, termasuk "
                  "penggerebekan lintas batas yang terkoordinasi, sesuai dengan hukum "
                  "masing-masing negara peserta;",
            "ms": "*Bersetuju* untuk merancang dan melaksanakan operasi bersama, termasuk serbuan "
                  "rentas sempadan yang diselaraskan, mengikut undang-undang setiap negara "
                  "peserta;",
            "fil": "*Sumasang-ayon* na magplano at magsagawa ng magkasanib na mga operasyon, "
                   "kabilang ang mga pinag-ugnay na pagsalakay na tumatawid sa mga hangganan, "
                   "alinsunod sa batas ng bawat kalahok na bansa;",
            "ar": "*يوافق* على تخطيط عمليات مشتركة وتنفيذها، بما في ذلك مداهمات منسقة عبر الحدود، "
                  "وفقا لقانون كل بلد من البلدان المشاركة؛",
            "fr": "*Convient* de planifier et de mener des opérations conjointes, notamment des "
                  "descentes transfrontières coordonnées, conformément à la législation de chaque "
                  "pays participant\u00a0;",
            "es": "*Acuerda* planificar y llevar a cabo operaciones conjuntas, incluidas redadas "
                  "transfronterizas coordinadas, de conformidad con la legislación de cada país "
                  "participante;",
            "pt": "*Concorda* em planejar e realizar operações conjuntas, inclusive operações "
                  "transfronteiriças coordenadas de busca e apreensão, em conformidade com a "
                  "legislação de cada país participante;",
        },
        [],
    ),
    (
        {
            "en": "*Requests* the participating agencies:",
            "ko": "참여 기관에 다음 사항을 *요청한다*.",
            "zh_Hans": "*请*各参与机构：",
            "ja": "参加機関に対し、次のことを*要請する*。",
            "vi": "*Đề nghị* các cơ quan tham gia:",
            "th": "*ขอให้*หน่วยงานที่เข้าร่วม:",
            "km": "*ស្នើ*ឱ្យស្ថាប័នដែលចូលរួម៖",
            "lo": "*ຂໍໃຫ້*ບັນດາອົງການທີ່ເຂົ້າຮ່ວມ:",
            "id": "*Meminta* lembaga-lembaga peserta untuk:",
            "ms": "*Meminta* agensi-agensi peserta untuk:",
            "fil": "*Hinihiling* sa mga kalahok na ahensiya na:",
            "ar": "*يطلب* إلى الأجهزة المشاركة ما يلي:",
            "fr": "*Prie* les services participants\u00a0:",
            "es": "*Solicita* a los organismos participantes que:",
            "pt": "*Solicita* aos órgãos participantes que:",
        },
        [
            {
                "en": "to share, through secure channels, intelligence on the structure, "
                      "locations and financial flows of scam syndicates;",
                "ko": "보안 채널을 통하여 스캠 범죄조직의 구조, 거점 및 자금 흐름에 관한 첩보를 "
                      "공유할 것",
                "zh_Hans": "通过安全渠道分享有关诈骗集团的组织结构、据点和资金流向的情报；",
                "ja": "安全な経路を通じ、詐欺組織の構造、"
                      "拠点及び資金の流れに関する情報を共有すること。",
                "vi": "chia sẻ, qua các kênh bảo mật, thông tin tình báo về cơ cấu, địa điểm và "
                      "dòng tiền của các đường dây lừa đảo;",
                "th": "แบ่งปันข้อมูลข่าวกรองเกี่ยวกับโครงสร้าง ที่ตั้ง และเส้นทางการเงินของเครือข่ายฉ้อโกง "
                      "ผ่านช่องทางที่ปลอดภัย",
                "km": "ចែករំលែកព័ត៌មានស៊ើបការណ៍អំពីរចនាសម្ព័ន្ធ ទីតាំង និងលំហូរហិរញ្ញវត្ថុរបស់ក្រុមឆបោក "
                      "តាមរយៈបណ្តាញទំនាក់ទំនងដែលមានសុវត្ថិភាព;",
                "lo": "ແລກປ່ຽນຂໍ້ມູນສືບລັບກ່ຽວກັບໂຄງສ້າງ, ສະຖານທີ່ຕັ້ງ ແລະ ກະແສການເງິນຂອງເຄືອຂ່າຍສໍ້ໂກງ "
                      "ຜ່ານຊ່ອງທາງທີ່ປອດໄພ;",
                "id": "berbagi informasi intelijen, melalui saluran yang aman, mengenai struktur, "
                      "lokasi, dan aliran dana sindikat penipuan;",
                "ms": "berkongsi risikan, melalui saluran yang selamat, mengenai struktur, lokasi "
                      "dan aliran kewangan sindiket penipuan;",
                "fil": "magbahagi, sa pamamagitan ng ligtas na mga daluyan, ng intelihensiya "
                       "tungkol sa istruktura, mga lokasyon at daloy ng pananalapi ng mga "
                       "sindikato ng panloloko;",
                "ar": "أن تتبادل، عبر قنوات آمنة، المعلومات الاستخبارية عن هيكل عصابات الاحتيال "
                      "ومواقعها وتدفقاتها المالية؛",
                "fr": "de mettre en commun, par des voies sécurisées, des renseignements sur la "
                      "structure, l'implantation et les flux financiers des réseaux "
                      "d'escroquerie\u00a0;",
                "es": "compartan, por conductos seguros, información de inteligencia sobre la "
                      "estructura, la ubicación y los flujos financieros de las redes de estafa;",
                "pt": "compartilhem, por canais seguros, informações de inteligência sobre a "
                      "estrutura, a localização e os fluxos financeiros das redes de golpes;",
            },
            {
                "en": "to assist one another in identifying and protecting victims and in "
                      "repatriating rescued persons;",
                "ko": "피해자의 식별 및 보호와 구출된 사람의 송환에 있어 상호 지원할 것",
                "zh_Hans": "在识别和保护被害人以及遣返获救人员方面相互协助；",
                "ja": "被害者の特定及び保護並びに救出された者の送還において相互に支援すること。",
                "vi": "hỗ trợ lẫn nhau trong việc xác định và bảo vệ nạn nhân cũng như hồi hương "
                      "những người được giải cứu;",
                "th": "ให้ความช่วยเหลือซึ่งกันและกันในการคัดแยกและคุ้มครองผู้เสียหาย "
                      "และในการส่งกลับผู้ที่ได้รับการช่วยเหลือไปยังประเทศต้นทาง",
                "km": "ជួយគ្នាទៅវិញទៅមកក្នុងការកំណត់អត្តសញ្ញាណ និងការពារជនរងគ្រោះ "
                      "ព្រមទាំងក្នុងការបញ្ជូនជនដែលត្រូវបានជួយសង្គ្រោះត្រឡប់ទៅមាតុភូមិវិញ;",
                "lo": "ຊ່ວຍເຫຼືອເຊິ່ງກັນ ແລະ ກັນ ໃນການກຳນົດຕົວຕົນ ແລະ ປົກປ້ອງຜູ້ເຄາະຮ້າຍ "
                      "ພ້ອມທັງໃນການສົ່ງຜູ້ທີ່ໄດ້ຮັບການຊ່ວຍເຫຼືອອອກມາກັບຄືນປະເທດ;",
                "id": "saling membantu dalam mengidentifikasi dan melindungi korban serta dalam "
                      "memulangkan orang-orang yang telah diselamatkan;",
                "ms": "saling membantu dalam mengenal pasti dan melindungi mangsa serta dalam "
                      "menghantar pulang orang yang telah diselamatkan;",
                "fil": "magtulungan sa pagtukoy at pagprotekta sa mga biktima at sa pagpapauwi sa "
                       "mga nasagip na tao;",
                "ar": "أن تتبادل المساعدة في تحديد هوية الضحايا وحمايتهم وفي إعادة من يتم إنقاذهم "
                      "إلى أوطانهم؛",
                "fr": "de se prêter mutuellement assistance pour identifier et protéger les "
                      "victimes et pour rapatrier les personnes secourues\u00a0;",
                "es": "se presten asistencia mutua para identificar y proteger a las víctimas y "
                      "repatriar a las personas rescatadas;",
                "pt": "prestem assistência mútua na identificação e na proteção das vítimas e na "
                      "repatriação das pessoas resgatadas;",
            },
        ],
    ),
    (
        {
            "en": "*Invites* the international bodies to support the alliance with their "
                  "databases, notices and training;",
            "ko": "국제기구들이 각자의 데이터베이스, 수배서 및 교육을 통하여 본 연합을 지원하도록 "
                  "*권유한다*.",
            "zh_Hans": "*邀请*各国际机构利用其数据库、通报和培训支持本联盟；",
            "ja": "国際機関に対し、それぞれのデータベース、"
                  "手配書及び研修をもって本連合を支援するよう*招請する*。",
            "vi": "*Mời* các tổ chức quốc tế hỗ trợ liên minh thông qua cơ sở dữ liệu, các thông "
                  "báo và hoạt động đào tạo của mình;",
            "th": "*เชิญ*องค์การระหว่างประเทศให้สนับสนุนพันธมิตรด้วยฐานข้อมูล ระบบหมายประกาศ "
                  "และการฝึกอบรมขององค์การ",
            "km": "*អញ្ជើញ*ស្ថាប័នអន្តរជាតិឱ្យគាំទ្រសម្ព័ន្ធភាពនេះ តាមរយៈមូលដ្ឋានទិន្នន័យ សារាចរ "
                  "និងការបណ្តុះបណ្តាលរបស់ខ្លួន;",
            "lo": "*ເຊີນ*ບັນດາອົງການຈັດຕັ້ງສາກົນ ໃຫ້ການສະໜັບສະໜູນພັນທະມິດ ດ້ວຍຖານຂໍ້ມູນ, ແຈ້ງການ ແລະ "
                  "ການຝຶກອົບຮົມຂອງຕົນ;",
            "id": "*Mengundang* badan-badan internasional untuk mendukung aliansi ini dengan "
                  "basis data, pemberitahuan, dan pelatihan yang mereka miliki;",
            "ms": "*Menjemput* badan-badan antarabangsa untuk menyokong perikatan ini melalui "
                  "pangkalan data, notis dan latihan mereka;",
            "fil": "*Inaanyayahan* ang mga internasyonal na organisasyon na suportahan ang "
                   "alyansa sa pamamagitan ng kanilang mga database, abiso at pagsasanay;",
            "ar": "*يدعو* الهيئات الدولية إلى دعم التحالف بما لديها من قواعد بيانات ونشرات وأنشطة "
                  "تدريبية؛",
            "fr": "*Invite* les organisations internationales à appuyer l'alliance au moyen de "
                  "leurs bases de données, de leurs notices et de leurs activités de "
                  "formation\u00a0;",
            "es": "*Invita* a las organizaciones internacionales a que apoyen a la alianza con "
                  "sus bases de datos, notificaciones y actividades de capacitación;",
            "pt": "*Convida* as organizações internacionais a apoiar a aliança com suas bases de "
                  "dados, difusões e atividades de capacitação;",
        },
        [],
    ),
    (
        {
            "en": "*Requests* the secretariat to report on the implementation of the present "
                  "resolution at the second meeting.",
            "ko": "사무국이 제2차 회의에서 본 결의의 이행 상황을 보고할 것을 *요청한다*.",
            "zh_Hans": "*请*秘书处在第二次会议上报告本决议的执行情况。",
            "ja": "事務局に対し、第2回会合において本決議の実施状況について報告するよう*要請する*。",
            "vi": "*Đề nghị* Ban Thư ký báo cáo về việc thực hiện nghị quyết này tại cuộc họp lần "
                  "thứ hai.",
            "th": "*ขอให้*สำนักเลขาธิการรายงานผลการดำเนินการตามข้อมตินี้ในการประชุมครั้งที่สอง",
            "km": "*ស្នើ*ឱ្យលេខាធិការដ្ឋានរាយការណ៍អំពីការអនុវត្តសេចក្តីសម្រេចនេះ នៅក្នុងកិច្ចប្រជុំលើកទីពីរ។",
            "lo": "*ຂໍໃຫ້*ກອງເລຂາ ລາຍງານກ່ຽວກັບການຈັດຕັ້ງປະຕິບັດມະຕິສະບັບນີ້ ໃນກອງປະຊຸມຄັ້ງທີສອງ.",
            "id": "*Meminta* sekretariat untuk melaporkan pelaksanaan resolusi ini pada pertemuan "
                  "kedua.",
            "ms": "*Meminta* sekretariat untuk melaporkan pelaksanaan resolusi ini pada mesyuarat "
                  "kedua.",
            "fil": "*Hinihiling* sa kalihiman na mag-ulat tungkol sa pagpapatupad ng resolusyong "
                   "ito sa ikalawang pulong.",
            "ar": "*يطلب* إلى الأمانة أن تقدم في الاجتماع الثاني تقريرا عن تنفيذ هذا القرار.",
            "fr": "*Prie* le secrétariat de lui rendre compte, à sa deuxième réunion, de "
                  "l'application de la présente résolution.",
            "es": "*Solicita* a la secretaría que le presente, en su segunda reunión, un informe "
                  "sobre la aplicación de la presente resolución.",
            "pt": "*Solicita* ao secretariado que apresente, na segunda reunião, um relatório "
                  "sobre a implementação da presente resolução.",
        },
        [],
    ),
]


def create_resolution(meeting: Meeting, orgs: dict) -> None:
    """Resolution 1, adopted by consensus on the second day, verified in all 15 languages."""
    if db.session.scalar(select(Resolution.id).where(Resolution.meeting_id == meeting.id)):
        return
    resolution = Resolution(
        meeting_id=meeting.id, number=1, original_language="en",
        state=ResolutionState.ADOPTED, adoption_method=AdoptionMethod.CONSENSUS,
        decided_on=date(2025, 11, 12),
        record="The delegation of INTERPOL joined the consensus as an observer.")
    for code in LANGUAGES:
        resolution.texts.append(ResolutionText(language=code, title=TITLE[code],
                                               status=TextStatus.VERIFIED))
    for position, paragraph in enumerate(PREAMBLE, start=1):
        resolution.paragraphs.append(Paragraph(kind=ParagraphKind.PREAMBULAR,
                                               position=position, text=paragraph))
    for position, (paragraph, subs) in enumerate(OPERATIVE, start=1):
        parent = Paragraph(kind=ParagraphKind.OPERATIVE, position=position, text=paragraph)
        resolution.paragraphs.append(parent)
        for sub_position, sub in enumerate(subs, start=1):
            child = Paragraph(kind=ParagraphKind.OPERATIVE, position=sub_position, text=sub)
            parent.children.append(child)
            resolution.paragraphs.append(child)
    for code in ("knpa", "rtp", "cnp-kh", "pnp"):
        resolution.sponsors.append(ResolutionSponsor(organisation_id=orgs[code].id))
    db.session.add(resolution)
