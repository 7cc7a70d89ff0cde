"""The Seoul agenda in the languages its first drafts lacked (Khmer, Lao, Indonesian, Malay,
Filipino, French, Spanish, Portuguese), and one name per language for the international bodies:
their acronyms in Latin script, as the adopted resolution writes them. Merged over the titles
in app/demo/meeting.py (AGENDA), keyed by the English title. French has a no-break space
before ":"."""
from __future__ import annotations

AGENDA_TEXTS: dict[str, dict[str, str]] = {
    "Opening session": {
        "lo": "ພິທີເປີດກອງປະຊຸມ",
        "id": "Sesi pembukaan",
        "ms": "Sesi pembukaan",
        "fil": "Sesyon ng pagbubukas",
        "pt": "Sessão de abertura",
    },
    "Opening of the meeting and welcome address by the Commissioner General of the Korean "
    "National Police Agency": {
        "km": "ការបើកកិច្ចប្រជុំ និងសុន្ទរកថាស្វាគមន៍របស់អគ្គស្នងការនៃអគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ",
        "lo": "ການເປີດກອງປະຊຸມ ແລະ ຄຳກ່າວຕ້ອນຮັບຂອງຫົວໜ້າກົມຕຳຫຼວດແຫ່ງຊາດເກົາຫຼີ",
        "id": "Pembukaan rapat dan sambutan selamat datang oleh Komisaris Jenderal Badan "
              "Kepolisian Nasional Korea",
        "ms": "Pembukaan mesyuarat dan ucapan alu-aluan oleh Pesuruhjaya Besar Agensi Polis "
              "Kebangsaan Korea",
        "fil": "Pagbubukas ng pulong at pambungad na pananalita ng Komisyoner Heneral ng "
               "Korean National Police Agency",
        "es": "Apertura de la reunión y discurso de bienvenida del Comisionado General de la "
              "Agencia Nacional de Policía de Corea",
        "pt": "Abertura da reunião e discurso de boas-vindas do Comissário-Geral da Agência "
              "Nacional de Polícia da Coreia",
    },
    "Launch of Operation Breaking Chains: objectives and framework": {
        "km": "ការដាក់ឱ្យដំណើរការប្រតិបត្តិការ Breaking Chains៖ គោលបំណង និងក្របខណ្ឌ",
        "lo": "ການເປີດຕົວການປະຕິບັດງານ Breaking Chains: ຈຸດປະສົງ ແລະ ກອບວຽກ",
        "id": "Peluncuran Operasi Breaking Chains: tujuan dan kerangka kerja",
        "ms": "Pelancaran Operasi Breaking Chains: objektif dan rangka kerja",
        "fil": "Paglulunsad ng Operasyong Breaking Chains: mga layunin at balangkas",
        "fr": "Lancement de l’opération Breaking Chains\u00a0: objectifs et cadre",
        "es": "Puesta en marcha de la Operación Breaking Chains: objetivos y marco",
        "pt": "Lançamento da Operação Breaking Chains: objetivos e marco de atuação",
    },
    "Plenary I: the threat": {
        "km": "សម័យប្រជុំពេញអង្គលើកទី 1៖ ការគំរាមកំហែង",
        "lo": "ກອງປະຊຸມໃຫຍ່ I: ໄພຂົ່ມຂູ່",
        "id": "Sidang pleno I: ancaman",
        "ms": "Sesi pleno I: ancaman",
        "fil": "Sesyong plenaryo I: ang banta",
        "fr": "Séance plénière I\u00a0: la menace",
        "es": "Sesión plenaria I: la amenaza",
        "pt": "Sessão plenária I: a ameaça",
    },
    "Scam compounds in Southeast Asia: regional threat assessment": {
        "lo": "ສູນສໍ້ໂກງໃນອາຊີຕາເວັນອອກສ່ຽງໃຕ້: ການປະເມີນໄພຂົ່ມຂູ່ລະດັບພາກພື້ນ",
        "id": "Kompleks penipuan di Asia Tenggara: penilaian ancaman regional",
        "ms": "Kompleks penipuan di Asia Tenggara: penilaian ancaman serantau",
        "fil": "Mga scam compound sa Timog-Silangang Asya: pagtatasa ng banta sa rehiyon",
        "fr": "Centres d’escroquerie en Asie du Sud-Est\u00a0: évaluation de la menace "
              "régionale",
        "es": "Centros de estafa en el Sudeste Asiático: evaluación de la amenaza regional",
        "pt": "Centros de golpes no Sudeste Asiático: avaliação da ameaça regional",
    },
    "Voice phishing": {
        "km": "ការឆបោកតាមទូរស័ព្ទ",
        "lo": "ການຕົ້ມຕຸ໋ນທາງໂທລະສັບ",
        "id": "Penipuan melalui telepon",
        "ms": "Penipuan panggilan telefon",
        "fil": "Panloloko sa pamamagitan ng telepono",
        "fr": "Hameçonnage vocal",
        "es": "Estafas telefónicas",
        "pt": "Golpes por telefone",
    },
    "Romance and investment scams": {
        "km": "ការឆបោកតាមបែបស្នេហា និងការឆបោកលើការវិនិយោគ",
        "lo": "ການຕົ້ມຕຸ໋ນທາງຄວາມຮັກ ແລະ ການຕົ້ມຕຸ໋ນດ້ານການລົງທຶນ",
        "id": "Penipuan berkedok asmara dan investasi",
        "ms": "Penipuan cinta dan pelaburan",
        "fil": "Panloloko sa pag-ibig at sa pamumuhunan",
        "fr": "Escroqueries sentimentales et à l’investissement",
        "es": "Estafas sentimentales y de inversión",
        "pt": "Golpes amorosos e de investimento",
    },
    "Statements by delegations": {
        "km": "សេចក្តីថ្លែងការណ៍របស់គណៈប្រតិភូ",
        "lo": "ຄຳຖະແຫຼງຂອງບັນດາຄະນະຜູ້ແທນ",
        "id": "Pernyataan delegasi",
        "ms": "Kenyataan delegasi",
        "fil": "Mga pahayag ng mga delegasyon",
        "fr": "Déclarations des délégations",
        "es": "Declaraciones de las delegaciones",
        "pt": "Declarações das delegações",
    },
    "Plenary II: cooperation": {
        "km": "សម័យប្រជុំពេញអង្គលើកទី 2៖ កិច្ចសហប្រតិបត្តិការ",
        "lo": "ກອງປະຊຸມໃຫຍ່ II: ການຮ່ວມມື",
        "id": "Sidang pleno II: kerja sama",
        "ms": "Sesi pleno II: kerjasama",
        "fil": "Sesyong plenaryo II: pagtutulungan",
        "fr": "Séance plénière II\u00a0: la coopération",
        "es": "Sesión plenaria II: la cooperación",
        "pt": "Sessão plenária II: a cooperação",
    },
    "Cooperation with INTERPOL, ASEANAPOL, AMERIPOL and AFRIPOL": {
        "ko": "INTERPOL, ASEANAPOL, AMERIPOL 및 AFRIPOL과의 협력",
        "ar": "التعاون مع INTERPOL و ASEANAPOL و AMERIPOL و AFRIPOL",
        "ja": "INTERPOL、ASEANAPOL、AMERIPOL及びAFRIPOLとの協力",
        "zh_Hans": "与INTERPOL、ASEANAPOL、AMERIPOL和AFRIPOL的合作",
        "km": "កិច្ចសហប្រតិបត្តិការជាមួយ INTERPOL, ASEANAPOL, AMERIPOL និង AFRIPOL",
        "lo": "ການຮ່ວມມືກັບ INTERPOL, ASEANAPOL, AMERIPOL ແລະ AFRIPOL",
        "id": "Kerja sama dengan INTERPOL, ASEANAPOL, AMERIPOL, dan AFRIPOL",
        "ms": "Kerjasama dengan INTERPOL, ASEANAPOL, AMERIPOL dan AFRIPOL",
        "fil": "Pakikipagtulungan sa INTERPOL, ASEANAPOL, AMERIPOL at AFRIPOL",
        "fr": "Coopération avec INTERPOL, ASEANAPOL, AMERIPOL et AFRIPOL",
        "es": "Cooperación con INTERPOL, ASEANAPOL, AMERIPOL y AFRIPOL",
        "pt": "Cooperação com a INTERPOL, a ASEANAPOL, a AMERIPOL e a AFRIPOL",
    },
    "Protection and repatriation of victims of scam compounds": {
        "km": "ការការពារ និងការបញ្ជូនជនរងគ្រោះពីមជ្ឈមណ្ឌលបោកប្រាស់ត្រឡប់ទៅស្រុកកំណើតវិញ",
        "lo": "ການປົກປ້ອງ ແລະ ການສົ່ງຜູ້ເຄາະຮ້າຍຈາກສູນສໍ້ໂກງກັບຄືນປະເທດ",
        "id": "Pelindungan dan pemulangan korban kompleks penipuan",
        "ms": "Perlindungan dan penghantaran pulang mangsa kompleks penipuan",
        "fil": "Proteksiyon at pagpapauwi ng mga biktima ng mga scam compound",
        "fr": "Protection et rapatriement des victimes des centres d’escroquerie",
        "es": "Protección y repatriación de las víctimas de los centros de estafa",
        "pt": "Proteção e repatriação das vítimas dos centros de golpes",
    },
    "Closed session (heads of delegation)": {
        "km": "សម័យប្រជុំបិទទ្វារ (ប្រធានគណៈប្រតិភូ)",
        "lo": "ກອງປະຊຸມປິດ (ຫົວໜ້າຄະນະຜູ້ແທນ)",
        "id": "Sidang tertutup (ketua delegasi)",
        "ms": "Sesi tertutup (ketua delegasi)",
        "fil": "Saradong sesyon (mga pinuno ng delegasyon)",
        "fr": "Séance privée (chefs de délégation)",
        "es": "Sesión privada (jefes de delegación)",
        "pt": "Sessão fechada (chefes de delegação)",
    },
    "Joint operations and coordinated cross-border raids": {
        "km": "ប្រតិបត្តិការរួមគ្នា និងការបង្ក្រាបឆ្លងដែនដែលមានការសម្របសម្រួល",
        "lo": "ການປະຕິບັດງານຮ່ວມ ແລະ ການບຸກກວາດລ້າງຂ້າມຊາຍແດນທີ່ມີການປະສານງານກັນ",
        "id": "Operasi gabungan dan penggerebekan lintas batas yang terkoordinasi",
        "ms": "Operasi bersama dan serbuan rentas sempadan yang diselaraskan",
        "fil": "Magkasanib na mga operasyon at magkakaugnay na pagsalakay na tumatawid sa mga "
               "hangganan",
        "fr": "Opérations conjointes et descentes transfrontières coordonnées",
        "es": "Operaciones conjuntas y redadas transfronterizas coordinadas",
        "pt": "Operações conjuntas e incursões transfronteiriças coordenadas",
    },
    "Channels for sharing intelligence on scam syndicates": {
        "km": "បណ្តាញចែករំលែកព័ត៌មានស៊ើបការណ៍អំពីក្រុមឧក្រិដ្ឋកម្មឆបោក",
        "lo": "ຊ່ອງທາງແລກປ່ຽນຂໍ້ມູນຂ່າວສານກ່ຽວກັບເຄືອຂ່າຍສໍ້ໂກງ",
        "id": "Saluran berbagi intelijen tentang sindikat penipuan",
        "ms": "Saluran perkongsian risikan mengenai sindiket penipuan",
        "fil": "Mga daluyan ng pagbabahagi ng intelihensiya tungkol sa mga sindikato ng "
               "panloloko",
        "fr": "Canaux d’échange de renseignements sur les réseaux d’escroquerie",
        "es": "Canales de intercambio de inteligencia sobre las redes de estafa",
        "pt": "Canais de compartilhamento de inteligência sobre as redes de golpes",
    },
    "Closing session": {
        "lo": "ພິທີປິດກອງປະຊຸມ",
        "id": "Sesi penutupan",
        "ms": "Sesi penutupan",
        "fil": "Sesyon ng pagsasara",
        "pt": "Sessão de encerramento",
    },
    "Towards a permanent organisation: framework and next meeting": {
        "km": "ឆ្ពោះទៅរកអង្គការអចិន្ត្រៃយ៍៖ ក្របខណ្ឌ និងកិច្ចប្រជុំលើកក្រោយ",
        "lo": "ສູ່ການເປັນອົງການຖາວອນ: ກອບວຽກ ແລະ ກອງປະຊຸມຄັ້ງຕໍ່ໄປ",
        "id": "Menuju organisasi permanen: kerangka kerja dan rapat berikutnya",
        "ms": "Ke arah organisasi tetap: rangka kerja dan mesyuarat akan datang",
        "fil": "Tungo sa isang permanenteng organisasyon: balangkas at susunod na pulong",
        "fr": "Vers une organisation permanente\u00a0: cadre et prochaine réunion",
        "es": "Hacia una organización permanente: marco y próxima reunión",
        "pt": "Rumo a uma organização permanente: marco de atuação e próxima reunião",
    },
    "Adoption of resolution BC/1/RES/1 on cross-border cooperation against scam syndicates": {
        "km": "ការអនុម័តសេចក្តីសម្រេច BC/1/RES/1 "
              "ស្តីពីកិច្ចសហប្រតិបត្តិការឆ្លងព្រំដែនប្រឆាំងនឹងក្រុមឧក្រិដ្ឋកម្មឆបោក",
        "lo": "ການຮັບຮອງມະຕິ BC/1/RES/1 ວ່າດ້ວຍການຮ່ວມມືຂ້າມຊາຍແດນ ເພື່ອຕ້ານເຄືອຂ່າຍສໍ້ໂກງ",
        "id": "Pengesahan resolusi BC/1/RES/1 tentang kerja sama lintas batas dalam "
              "memberantas sindikat penipuan",
        "ms": "Penerimaan resolusi BC/1/RES/1 mengenai kerjasama rentas sempadan bagi "
              "membanteras sindiket penipuan",
        "fil": "Pagpapatibay ng resolusyong BC/1/RES/1 tungkol sa pagtutulungang lampas sa "
               "mga hangganan laban sa mga sindikato ng panloloko",
        "fr": "Adoption de la résolution BC/1/RES/1 sur la coopération transfrontière contre "
              "les réseaux d’escroquerie",
        "es": "Aprobación de la resolución BC/1/RES/1 sobre la cooperación transfronteriza "
              "contra las redes de estafa",
        "pt": "Adoção da resolução BC/1/RES/1 sobre a cooperação transfronteiriça contra as "
              "redes de golpes",
    },
}
