"""Build the labelled multilingual language-ID evaluation set (quality/eval/data/lang_eval.jsonl).

Twelve hand-written sentences per language (varied topics: news, daily life, science, administration) are
composed deterministically (seeded RNG) into single-sentence, short-paragraph and long-paragraph documents
and short fragments (~25 characters), so the set covers short and long inputs. Nothing here is used to build the detector; it only measures it.

Run: ``python -m corpusgov.quality.eval.build_lang_eval``
"""

from __future__ import annotations

import random
from pathlib import Path

from corpusgov.quality.eval.jsonl import write_jsonl

OUT = Path(__file__).parent / "data" / "lang_eval.jsonl"
SEED = 20240715

# Languages written without spaces between sentences.
_NO_SPACE = {"zh-Hans", "zh-Hant", "ja"}

SENTENCES: dict[str, list[str]] = {
    "en": [
        "The city council approved the new budget for public libraries after a long debate on Tuesday evening.",
        "Most of the volunteers arrived early and started sorting the donated books by subject.",
        "Researchers found that the bridge had been designed to carry far less traffic than it does today.",
        "If you want to renew your passport, you should apply at least three months before you travel.",
        "The weather forecast warns of heavy rain and strong winds along the northern coast this weekend.",
        "She has been teaching mathematics at the local school for almost twenty years.",
        "Farmers in the valley say that the dry summer has cut their harvest by nearly a third.",
        "Our customer service team will answer your questions within two working days.",
        "The museum is open every day except Monday, and entry is free for children under twelve.",
        "Scientists are still trying to understand why some birds migrate at night rather than during the day.",
        "He forgot his umbrella at the station, so he was completely wet by the time he got home.",
        "The company announced that it would hire two hundred new engineers over the next year.",
    ],
    "fr": [
        "Le conseil municipal a adopté mardi soir le nouveau budget des bibliothèques publiques.",
        "La plupart des bénévoles sont arrivés tôt pour trier les livres donnés par les habitants.",
        "Les chercheurs ont constaté que le pont n'avait pas été conçu pour supporter autant de circulation.",
        "Si vous voulez renouveler votre passeport, il faut faire la demande au moins trois mois avant le départ.",
        "La météo annonce de fortes pluies et des vents violents sur la côte nord ce week-end.",
        "Elle enseigne les mathématiques dans le collège du quartier depuis presque vingt ans.",
        "Les agriculteurs de la vallée expliquent que la sécheresse a réduit leur récolte d'un tiers.",
        "Notre service client répondra à vos questions dans un délai de deux jours ouvrés.",
        "Le musée est ouvert tous les jours sauf le lundi, et l'entrée est gratuite pour les enfants.",
        "Les scientifiques cherchent encore à comprendre pourquoi certains oiseaux migrent la nuit.",
        "Il a oublié son parapluie à la gare et il est rentré chez lui complètement trempé.",
        "L'entreprise a annoncé qu'elle embaucherait deux cents ingénieurs au cours de l'année prochaine.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstagabend nach langer Diskussion den neuen Haushalt für die Bibliotheken beschlossen.",
        "Die meisten Freiwilligen kamen früh und begannen, die gespendeten Bücher nach Themen zu sortieren.",
        "Die Forscher stellten fest, dass die Brücke für deutlich weniger Verkehr gebaut worden war.",
        "Wer seinen Reisepass verlängern möchte, sollte den Antrag mindestens drei Monate vor der Reise stellen.",
        "Der Wetterdienst warnt am Wochenende vor starkem Regen und Sturmböen an der Nordküste.",
        "Sie unterrichtet seit fast zwanzig Jahren Mathematik an der Schule in unserem Viertel.",
        "Die Bauern im Tal sagen, dass der trockene Sommer ihre Ernte um fast ein Drittel verringert hat.",
        "Unser Kundendienst beantwortet Ihre Fragen innerhalb von zwei Werktagen.",
        "Das Museum ist täglich außer montags geöffnet, und Kinder unter zwölf Jahren haben freien Eintritt.",
        "Wissenschaftler versuchen immer noch zu verstehen, warum manche Vögel nachts ziehen.",
        "Er hatte seinen Regenschirm am Bahnhof vergessen und kam völlig durchnässt nach Hause.",
        "Das Unternehmen kündigte an, im nächsten Jahr zweihundert neue Ingenieure einzustellen.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes por la noche el nuevo presupuesto para las bibliotecas públicas.",
        "La mayoría de los voluntarios llegaron temprano y empezaron a ordenar los libros donados.",
        "Los investigadores descubrieron que el puente no estaba diseñado para soportar tanto tráfico.",
        "Si quiere renovar su pasaporte, debe solicitarlo al menos tres meses antes de viajar.",
        "El pronóstico del tiempo anuncia lluvias fuertes y viento en la costa norte este fin de semana.",
        "Ella lleva casi veinte años enseñando matemáticas en el colegio del barrio.",
        "Los agricultores del valle dicen que la sequía ha reducido su cosecha casi en un tercio.",
        "Nuestro equipo de atención al cliente responderá a sus preguntas en un plazo de dos días hábiles.",
        "El museo abre todos los días excepto los lunes, y la entrada es gratuita para los niños.",
        "Los científicos todavía intentan entender por qué algunas aves migran durante la noche.",
        "Se olvidó el paraguas en la estación y llegó a casa completamente mojado.",
        "La empresa anunció que contratará a doscientos ingenieros nuevos durante el próximo año.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì sera il nuovo bilancio per le biblioteche pubbliche.",
        "La maggior parte dei volontari è arrivata presto e ha cominciato a ordinare i libri donati.",
        "I ricercatori hanno scoperto che il ponte non era stato progettato per così tanto traffico.",
        "Se volete rinnovare il passaporto, dovete fare domanda almeno tre mesi prima della partenza.",
        "Le previsioni del tempo annunciano forti piogge e vento sulla costa settentrionale nel fine settimana.",
        "Lei insegna matematica nella scuola del quartiere da quasi vent'anni.",
        "Gli agricoltori della valle dicono che l'estate secca ha ridotto il raccolto di quasi un terzo.",
        "Il nostro servizio clienti risponderà alle vostre domande entro due giorni lavorativi.",
        "Il museo è aperto tutti i giorni tranne il lunedì, e l'ingresso è gratuito per i bambini.",
        "Gli scienziati cercano ancora di capire perché alcuni uccelli migrano di notte.",
        "Ha dimenticato l'ombrello alla stazione ed è tornato a casa completamente bagnato.",
        "L'azienda ha annunciato che assumerà duecento nuovi ingegneri nel corso del prossimo anno.",
    ],
    "pt": [
        "A câmara municipal aprovou na terça-feira à noite o novo orçamento para as bibliotecas públicas.",
        "A maioria dos voluntários chegou cedo e começou a separar os livros doados pelos moradores.",
        "Os pesquisadores descobriram que a ponte não foi projetada para aguentar tanto trânsito.",
        "Se você quiser renovar o passaporte, deve fazer o pedido pelo menos três meses antes da viagem.",
        "A previsão do tempo indica chuvas fortes e ventos intensos no litoral norte neste fim de semana.",
        "Ela ensina matemática na escola do bairro há quase vinte anos.",
        "Os agricultores do vale dizem que o verão seco reduziu a colheita em quase um terço.",
        "A nossa equipe de atendimento vai responder às suas perguntas em até dois dias úteis.",
        "O museu abre todos os dias, exceto às segundas-feiras, e a entrada é gratuita para crianças.",
        "Os cientistas ainda tentam entender por que algumas aves migram durante a noite.",
        "Ele esqueceu o guarda-chuva na estação e chegou em casa completamente molhado.",
        "A empresa anunciou que vai contratar duzentos novos engenheiros ao longo do próximo ano.",
    ],
    "nl": [
        "De gemeenteraad heeft dinsdagavond na een lang debat de nieuwe begroting voor de bibliotheken goedgekeurd.",
        "De meeste vrijwilligers kwamen vroeg en begonnen de gedoneerde boeken op onderwerp te sorteren.",
        "De onderzoekers ontdekten dat de brug voor veel minder verkeer was ontworpen dan er nu overheen rijdt.",
        "Als je je paspoort wilt verlengen, moet je dat minstens drie maanden voor vertrek aanvragen.",
        "Het weerbericht waarschuwt dit weekend voor zware regen en harde wind langs de noordkust.",
        "Zij geeft al bijna twintig jaar wiskunde op de school in onze wijk.",
        "De boeren in het dal zeggen dat de droge zomer hun oogst met bijna een derde heeft verminderd.",
        "Onze klantenservice beantwoordt uw vragen binnen twee werkdagen.",
        "Het museum is elke dag open behalve op maandag, en kinderen onder de twaalf mogen gratis naar binnen.",
        "Wetenschappers proberen nog steeds te begrijpen waarom sommige vogels 's nachts trekken.",
        "Hij had zijn paraplu op het station laten liggen en kwam helemaal doorweekt thuis.",
        "Het bedrijf maakte bekend dat het volgend jaar tweehonderd nieuwe ingenieurs zal aannemen.",
    ],
    "sv": [
        "Kommunfullmäktige godkände på tisdagskvällen den nya budgeten för de offentliga biblioteken.",
        "De flesta av volontärerna kom tidigt och började sortera de skänkta böckerna efter ämne.",
        "Forskarna upptäckte att bron var byggd för mycket mindre trafik än den har i dag.",
        "Om du vill förnya ditt pass bör du ansöka minst tre månader innan du reser.",
        "Väderprognosen varnar för kraftigt regn och hårda vindar längs norra kusten i helgen.",
        "Hon har undervisat i matematik på skolan i vårt område i nästan tjugo år.",
        "Bönderna i dalen säger att den torra sommaren har minskat skörden med nästan en tredjedel.",
        "Vår kundtjänst svarar på dina frågor inom två arbetsdagar.",
        "Museet är öppet varje dag utom måndag, och barn under tolv år går in gratis.",
        "Forskare försöker fortfarande förstå varför vissa fåglar flyttar på natten.",
        "Han glömde sitt paraply på stationen och kom hem helt genomblöt.",
        "Företaget meddelade att det kommer att anställa tvåhundra nya ingenjörer under nästa år.",
    ],
    "pl": [
        "Rada miasta zatwierdziła we wtorek wieczorem nowy budżet dla bibliotek publicznych.",
        "Większość wolontariuszy przyszła wcześnie i zaczęła sortować podarowane książki według tematów.",
        "Naukowcy odkryli, że most został zaprojektowany z myślą o znacznie mniejszym ruchu.",
        "Jeśli chcesz przedłużyć paszport, musisz złożyć wniosek co najmniej trzy miesiące przed podróżą.",
        "Prognoza pogody zapowiada w ten weekend silne opady deszczu i wiatr na północnym wybrzeżu.",
        "Od prawie dwudziestu lat uczy matematyki w szkole na naszym osiedlu.",
        "Rolnicy z doliny mówią, że suche lato zmniejszyło ich plony prawie o jedną trzecią.",
        "Nasze biuro obsługi klienta odpowie na Państwa pytania w ciągu dwóch dni roboczych.",
        "Muzeum jest czynne codziennie oprócz poniedziałku, a dzieci do lat dwunastu wchodzą bezpłatnie.",
        "Naukowcy wciąż próbują zrozumieć, dlaczego niektóre ptaki wędrują nocą.",
        "Zostawił parasol na dworcu i wrócił do domu całkowicie przemoczony.",
        "Firma ogłosiła, że w przyszłym roku zatrudni dwustu nowych inżynierów.",
    ],
    "cs": [
        "Městské zastupitelstvo v úterý večer schválilo nový rozpočet pro veřejné knihovny.",
        "Většina dobrovolníků přišla brzy a začala třídit darované knihy podle témat.",
        "Vědci zjistili, že most byl navržen pro mnohem menší dopravu, než jakou nese dnes.",
        "Pokud si chcete prodloužit cestovní pas, požádejte o to nejméně tři měsíce před cestou.",
        "Předpověď počasí varuje o víkendu před silným deštěm a větrem na severním pobřeží.",
        "Už skoro dvacet let učí matematiku na škole v naší čtvrti.",
        "Zemědělci v údolí říkají, že suché léto snížilo jejich úrodu téměř o třetinu.",
        "Náš zákaznický servis odpoví na vaše dotazy do dvou pracovních dnů.",
        "Muzeum je otevřeno každý den kromě pondělí a děti do dvanácti let mají vstup zdarma.",
        "Vědci se stále snaží pochopit, proč někteří ptáci táhnou v noci.",
        "Zapomněl deštník na nádraží a domů přišel úplně promočený.",
        "Společnost oznámila, že v příštím roce přijme dvě stě nových inženýrů.",
    ],
    "tr": [
        "Belediye meclisi salı akşamı uzun bir tartışmanın ardından kütüphaneler için yeni bütçeyi onayladı.",
        "Gönüllülerin çoğu erken geldi ve bağışlanan kitapları konularına göre ayırmaya başladı.",
        "Araştırmacılar köprünün bugünkünden çok daha az trafik için tasarlandığını ortaya çıkardı.",
        "Pasaportunuzu yenilemek istiyorsanız, seyahatten en az üç ay önce başvurmanız gerekir.",
        "Hava durumu bu hafta sonu kuzey kıyısında şiddetli yağmur ve fırtına uyarısı yapıyor.",
        "Yaklaşık yirmi yıldır mahalledeki okulda matematik öğretmenliği yapıyor.",
        "Vadideki çiftçiler kurak geçen yazın hasatlarını neredeyse üçte bir oranında azalttığını söylüyor.",
        "Müşteri hizmetleri ekibimiz sorularınızı iki iş günü içinde yanıtlayacaktır.",
        "Müze pazartesi hariç her gün açıktır ve on iki yaşından küçük çocuklar için giriş ücretsizdir.",
        "Bilim insanları bazı kuşların neden gece göç ettiğini hâlâ anlamaya çalışıyor.",
        "Şemsiyesini istasyonda unuttu ve eve sırılsıklam bir halde döndü.",
        "Şirket önümüzdeki yıl içinde iki yüz yeni mühendis işe alacağını açıkladı.",
    ],
    "id": [
        "Dewan kota menyetujui anggaran baru untuk perpustakaan umum pada Selasa malam setelah perdebatan panjang.",
        "Sebagian besar relawan datang lebih awal dan mulai memilah buku sumbangan berdasarkan topiknya.",
        "Para peneliti menemukan bahwa jembatan itu dirancang untuk lalu lintas yang jauh lebih sedikit.",
        "Jika Anda ingin memperpanjang paspor, sebaiknya mengajukan permohonan paling lambat tiga bulan sebelum berangkat.",
        "Prakiraan cuaca memperingatkan hujan lebat dan angin kencang di pantai utara akhir pekan ini.",
        "Dia sudah hampir dua puluh tahun mengajar matematika di sekolah dekat rumah kami.",
        "Para petani di lembah mengatakan bahwa musim kemarau telah mengurangi panen mereka hampir sepertiga.",
        "Tim layanan pelanggan kami akan menjawab pertanyaan Anda dalam waktu dua hari kerja.",
        "Museum ini buka setiap hari kecuali hari Senin, dan anak-anak di bawah dua belas tahun tidak dipungut biaya.",
        "Para ilmuwan masih berusaha memahami mengapa beberapa jenis burung bermigrasi pada malam hari.",
        "Dia lupa membawa payungnya di stasiun sehingga sampai di rumah dalam keadaan basah kuyup.",
        "Perusahaan itu mengumumkan akan merekrut dua ratus insinyur baru selama tahun depan.",
    ],
    "vi": [
        "Hội đồng thành phố đã thông qua ngân sách mới cho các thư viện công cộng vào tối thứ Ba.",
        "Phần lớn tình nguyện viên đến sớm và bắt đầu phân loại sách được quyên góp theo chủ đề.",
        "Các nhà nghiên cứu phát hiện cây cầu được thiết kế cho lưu lượng xe ít hơn nhiều so với hiện nay.",
        "Nếu bạn muốn gia hạn hộ chiếu, hãy nộp đơn ít nhất ba tháng trước khi đi du lịch.",
        "Dự báo thời tiết cảnh báo mưa lớn và gió mạnh ở vùng ven biển phía bắc vào cuối tuần này.",
        "Cô ấy đã dạy toán ở trường gần nhà chúng tôi gần hai mươi năm.",
        "Nông dân trong thung lũng nói rằng mùa hè khô hạn đã làm giảm gần một phần ba sản lượng.",
        "Bộ phận chăm sóc khách hàng sẽ trả lời câu hỏi của bạn trong vòng hai ngày làm việc.",
        "Bảo tàng mở cửa hàng ngày trừ thứ Hai, và trẻ em dưới mười hai tuổi được vào cửa miễn phí.",
        "Các nhà khoa học vẫn đang tìm hiểu vì sao một số loài chim lại di cư vào ban đêm.",
        "Anh ấy để quên chiếc ô ở nhà ga nên về đến nhà thì ướt sũng.",
        "Công ty thông báo sẽ tuyển thêm hai trăm kỹ sư mới trong năm tới.",
    ],
    "ru": [
        "Городской совет во вторник вечером утвердил новый бюджет для публичных библиотек.",
        "Большинство волонтёров пришли рано и начали сортировать подаренные книги по темам.",
        "Исследователи выяснили, что мост был рассчитан на гораздо меньший поток машин, чем сейчас.",
        "Если вы хотите продлить загранпаспорт, подайте заявление не позднее чем за три месяца до поездки.",
        "Синоптики предупреждают о сильных дождях и штормовом ветре на северном побережье в выходные.",
        "Она уже почти двадцать лет преподаёт математику в школе нашего района.",
        "Фермеры в долине говорят, что засушливое лето сократило урожай почти на треть.",
        "Наша служба поддержки ответит на ваши вопросы в течение двух рабочих дней.",
        "Музей открыт ежедневно, кроме понедельника, а дети до двенадцати лет проходят бесплатно.",
        "Учёные до сих пор пытаются понять, почему некоторые птицы мигрируют ночью.",
        "Он забыл зонт на вокзале и пришёл домой совершенно промокшим.",
        "Компания объявила, что в следующем году наймёт двести новых инженеров.",
    ],
    "uk": [
        "Міська рада у вівторок увечері затвердила новий бюджет для публічних бібліотек.",
        "Більшість волонтерів прийшли рано і почали сортувати подаровані книжки за темами.",
        "Дослідники з'ясували, що міст був розрахований на значно менший потік машин, ніж зараз.",
        "Якщо ви хочете подовжити закордонний паспорт, подайте заяву щонайменше за три місяці до поїздки.",
        "Синоптики попереджають про сильні дощі та штормовий вітер на північному узбережжі у вихідні.",
        "Вона вже майже двадцять років викладає математику в школі нашого району.",
        "Фермери в долині кажуть, що посушливе літо скоротило врожай майже на третину.",
        "Наша служба підтримки відповість на ваші запитання протягом двох робочих днів.",
        "Музей працює щодня, крім понеділка, а діти до дванадцяти років відвідують його безкоштовно.",
        "Науковці досі намагаються зрозуміти, чому деякі птахи мігрують уночі.",
        "Він забув парасольку на вокзалі й прийшов додому зовсім мокрий.",
        "Компанія оголосила, що наступного року найме двісті нових інженерів.",
    ],
    "el": [
        "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη το βράδυ τον νέο προϋπολογισμό για τις δημόσιες βιβλιοθήκες.",
        "Οι περισσότεροι εθελοντές ήρθαν νωρίς και άρχισαν να ταξινομούν τα βιβλία που δωρίστηκαν.",
        "Οι ερευνητές διαπίστωσαν ότι η γέφυρα είχε σχεδιαστεί για πολύ λιγότερη κυκλοφορία.",
        "Αν θέλετε να ανανεώσετε το διαβατήριό σας, πρέπει να κάνετε αίτηση τρεις μήνες πριν από το ταξίδι.",
        "Η πρόγνωση του καιρού προειδοποιεί για ισχυρές βροχές και ανέμους στη βόρεια ακτή αυτό το Σαββατοκύριακο.",
        "Διδάσκει μαθηματικά στο σχολείο της γειτονιάς μας εδώ και σχεδόν είκοσι χρόνια.",
        "Οι αγρότες της κοιλάδας λένε ότι το ξερό καλοκαίρι μείωσε τη σοδειά τους σχεδόν κατά ένα τρίτο.",
        "Η ομάδα εξυπηρέτησης πελατών θα απαντήσει στις ερωτήσεις σας μέσα σε δύο εργάσιμες ημέρες.",
        "Το μουσείο είναι ανοιχτό κάθε μέρα εκτός από τη Δευτέρα, και η είσοδος για τα παιδιά είναι δωρεάν.",
        "Οι επιστήμονες προσπαθούν ακόμη να καταλάβουν γιατί ορισμένα πουλιά μεταναστεύουν τη νύχτα.",
        "Ξέχασε την ομπρέλα του στον σταθμό και γύρισε σπίτι μούσκεμα.",
        "Η εταιρεία ανακοίνωσε ότι θα προσλάβει διακόσιους νέους μηχανικούς μέσα στον επόμενο χρόνο.",
    ],
    "ar": [
        "وافق المجلس البلدي مساء الثلاثاء على الميزانية الجديدة للمكتبات العامة بعد نقاش طويل.",
        "وصل معظم المتطوعين مبكرا وبدأوا في ترتيب الكتب المتبرع بها حسب الموضوع.",
        "اكتشف الباحثون أن الجسر صمم لحركة مرور أقل بكثير مما يتحمله اليوم.",
        "إذا كنت ترغب في تجديد جواز سفرك، فعليك تقديم الطلب قبل السفر بثلاثة أشهر على الأقل.",
        "تحذر النشرة الجوية من أمطار غزيرة ورياح قوية على الساحل الشمالي في نهاية هذا الأسبوع.",
        "تعمل معلمة للرياضيات في مدرسة الحي منذ ما يقرب من عشرين عاما.",
        "يقول المزارعون في الوادي إن الصيف الجاف خفض محصولهم بنحو الثلث.",
        "سيرد فريق خدمة العملاء على أسئلتكم خلال يومي عمل.",
        "يفتح المتحف أبوابه يوميا ما عدا يوم الاثنين، والدخول مجاني للأطفال دون الثانية عشرة.",
        "لا يزال العلماء يحاولون فهم سبب هجرة بعض الطيور في الليل.",
        "نسي مظلته في المحطة فعاد إلى البيت مبللا تماما.",
        "أعلنت الشركة أنها ستوظف مئتي مهندس جديد خلال العام المقبل.",
    ],
    "fa": [
        "شورای شهر سه‌شنبه شب پس از بحثی طولانی بودجه جدید کتابخانه‌های عمومی را تصویب کرد.",
        "بیشتر داوطلبان زود آمدند و شروع به دسته‌بندی کتاب‌های اهدایی بر اساس موضوع کردند.",
        "پژوهشگران دریافتند که این پل برای ترافیکی بسیار کمتر از امروز طراحی شده بود.",
        "اگر می‌خواهید گذرنامه خود را تمدید کنید، باید دست‌کم سه ماه پیش از سفر درخواست بدهید.",
        "پیش‌بینی هوا برای آخر این هفته از باران شدید و باد تند در سواحل شمالی خبر می‌دهد.",
        "او نزدیک به بیست سال است که در مدرسه محله ما ریاضی درس می‌دهد.",
        "کشاورزان دره می‌گویند تابستان خشک محصولشان را تقریبا یک سوم کاهش داده است.",
        "تیم پشتیبانی مشتریان ما ظرف دو روز کاری به پرسش‌های شما پاسخ می‌دهد.",
        "موزه هر روز به جز دوشنبه باز است و ورود برای کودکان زیر دوازده سال رایگان است.",
        "دانشمندان هنوز می‌کوشند بفهمند چرا برخی پرندگان در شب مهاجرت می‌کنند.",
        "او چترش را در ایستگاه جا گذاشت و کاملا خیس به خانه رسید.",
        "این شرکت اعلام کرد که در سال آینده دویست مهندس تازه استخدام خواهد کرد.",
    ],
    "he": [
        "מועצת העיר אישרה ביום שלישי בערב את התקציב החדש לספריות הציבוריות.",
        "רוב המתנדבים הגיעו מוקדם והתחילו למיין את הספרים שנתרמו לפי נושאים.",
        "החוקרים גילו שהגשר תוכנן לתנועה קטנה בהרבה מזו שעוברת בו היום.",
        "אם אתם רוצים לחדש את הדרכון, כדאי להגיש בקשה לפחות שלושה חודשים לפני הנסיעה.",
        "תחזית מזג האוויר מזהירה מגשם כבד ומרוחות חזקות בחוף הצפוני בסוף השבוע.",
        "היא מלמדת מתמטיקה בבית הספר השכונתי כבר כמעט עשרים שנה.",
        "החקלאים בעמק אומרים שהקיץ היבש הקטין את היבול שלהם כמעט בשליש.",
        "צוות שירות הלקוחות שלנו יענה על שאלותיכם בתוך שני ימי עבודה.",
        "המוזיאון פתוח בכל יום חוץ מיום שני, והכניסה לילדים מתחת לגיל שתים עשרה חינם.",
        "המדענים עדיין מנסים להבין מדוע ציפורים מסוימות נודדות בלילה.",
        "הוא שכח את המטרייה בתחנה והגיע הביתה רטוב לגמרי.",
        "החברה הודיעה שתגייס מאתיים מהנדסים חדשים במהלך השנה הבאה.",
    ],
    "hi": [
        "नगर परिषद ने मंगलवार की शाम लंबी बहस के बाद सार्वजनिक पुस्तकालयों के लिए नया बजट मंजूर किया।",
        "ज़्यादातर स्वयंसेवक जल्दी पहुँच गए और दान में मिली किताबों को विषय के अनुसार छाँटने लगे।",
        "शोधकर्ताओं ने पाया कि पुल को आज की तुलना में बहुत कम यातायात के लिए बनाया गया था।",
        "अगर आप अपना पासपोर्ट नवीनीकृत कराना चाहते हैं, तो यात्रा से कम से कम तीन महीने पहले आवेदन करें।",
        "मौसम विभाग ने इस सप्ताहांत उत्तरी तट पर भारी बारिश और तेज़ हवाओं की चेतावनी दी है।",
        "वह लगभग बीस साल से हमारे मोहल्ले के स्कूल में गणित पढ़ा रही हैं।",
        "घाटी के किसानों का कहना है कि सूखी गर्मी ने उनकी फसल लगभग एक तिहाई कम कर दी है।",
        "हमारी ग्राहक सेवा टीम दो कार्य दिवसों के भीतर आपके सवालों का जवाब देगी।",
        "संग्रहालय सोमवार को छोड़कर हर दिन खुला रहता है, और बारह साल से कम उम्र के बच्चों के लिए प्रवेश मुफ़्त है।",
        "वैज्ञानिक अब भी यह समझने की कोशिश कर रहे हैं कि कुछ पक्षी रात में प्रवास क्यों करते हैं।",
        "वह अपना छाता स्टेशन पर भूल गया और पूरी तरह भीगकर घर पहुँचा।",
        "कंपनी ने घोषणा की कि वह अगले साल दो सौ नए इंजीनियरों की भर्ती करेगी।",
    ],
    "th": [
        "สภาเมืองอนุมัติงบประมาณใหม่สำหรับห้องสมุดประชาชนเมื่อคืนวันอังคารหลังจากการอภิปรายที่ยาวนาน",
        "อาสาสมัครส่วนใหญ่มาถึงแต่เช้าและเริ่มคัดแยกหนังสือที่ได้รับบริจาคตามหมวดหมู่",
        "นักวิจัยพบว่าสะพานแห่งนี้ถูกออกแบบมาให้รองรับการจราจรน้อยกว่าในปัจจุบันมาก",
        "หากคุณต้องการต่ออายุหนังสือเดินทาง ควรยื่นคำขอล่วงหน้าอย่างน้อยสามเดือนก่อนเดินทาง",
        "กรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกหนักและลมแรงบริเวณชายฝั่งทางเหนือในสุดสัปดาห์นี้",
        "เธอสอนคณิตศาสตร์ที่โรงเรียนใกล้บ้านของเรามาเกือบยี่สิบปีแล้ว",
        "เกษตรกรในหุบเขากล่าวว่าฤดูร้อนที่แห้งแล้งทำให้ผลผลิตลดลงเกือบหนึ่งในสาม",
        "ทีมบริการลูกค้าของเราจะตอบคำถามของคุณภายในสองวันทำการ",
        "พิพิธภัณฑ์เปิดทุกวันยกเว้นวันจันทร์ และเด็กอายุต่ำกว่าสิบสองปีเข้าชมฟรี",
        "นักวิทยาศาสตร์ยังคงพยายามทำความเข้าใจว่าทำไมนกบางชนิดจึงอพยพในเวลากลางคืน",
        "เขาลืมร่มไว้ที่สถานีรถไฟจึงกลับถึงบ้านในสภาพเปียกโชก",
        "บริษัทประกาศว่าจะรับวิศวกรใหม่สองร้อยคนภายในปีหน้า",
    ],
    "ja": [
        "市議会は火曜日の夜、長い議論の末に公立図書館の新しい予算を承認しました。",
        "ほとんどのボランティアは早めに到着し、寄付された本をテーマごとに分け始めました。",
        "研究者たちは、その橋が現在よりもはるかに少ない交通量を想定して設計されていたことを突き止めた。",
        "パスポートを更新したい場合は、出発の少なくとも三か月前までに申請してください。",
        "天気予報によると、今週末は北部の沿岸で大雨と強風に警戒が必要です。",
        "彼女は二十年近く、近所の学校で数学を教えている。",
        "谷の農家によれば、乾燥した夏のせいで収穫がほぼ三分の一減ったという。",
        "カスタマーサービスチームが二営業日以内にご質問にお答えします。",
        "博物館は月曜日を除いて毎日開館しており、十二歳未満の子どもは入場無料です。",
        "科学者たちは、なぜ一部の鳥が夜に渡りをするのかをいまだに解明しようとしている。",
        "彼は駅に傘を忘れてしまい、家に着いたときにはびしょ濡れだった。",
        "同社は来年、新たに二百人のエンジニアを採用すると発表した。",
    ],
    "ko": [
        "시의회는 화요일 저녁 긴 논의 끝에 공공 도서관의 새 예산을 승인했다.",
        "대부분의 자원봉사자들은 일찍 도착해 기증받은 책을 주제별로 분류하기 시작했다.",
        "연구진은 그 다리가 지금보다 훨씬 적은 교통량을 기준으로 설계되었다는 사실을 밝혀냈다.",
        "여권을 갱신하려면 출국하기 최소 석 달 전에 신청하는 것이 좋습니다.",
        "기상청은 이번 주말 북부 해안에 폭우와 강풍이 예상된다고 경고했다.",
        "그녀는 거의 이십 년 동안 동네 학교에서 수학을 가르쳐 왔다.",
        "계곡의 농민들은 건조한 여름 때문에 수확량이 거의 삼분의 일이나 줄었다고 말한다.",
        "고객 서비스 팀이 영업일 기준 이틀 안에 문의하신 내용에 답변해 드립니다.",
        "박물관은 월요일을 제외하고 매일 문을 열며 열두 살 미만 어린이는 무료로 입장할 수 있다.",
        "과학자들은 왜 일부 새들이 밤에 이동하는지 아직도 알아내려고 노력하고 있다.",
        "그는 역에 우산을 두고 오는 바람에 집에 도착했을 때 흠뻑 젖어 있었다.",
        "그 회사는 내년에 신입 엔지니어 이백 명을 채용하겠다고 발표했다.",
    ],
    "zh-Hans": [
        "市议会星期二晚上经过长时间讨论，批准了公共图书馆的新预算。",
        "大多数志愿者很早就到了，开始按照主题整理居民捐赠的书籍。",
        "研究人员发现，这座桥当年设计的通行能力远远低于现在的实际车流量。",
        "如果您想办理护照续签，请至少在出发前三个月提交申请。",
        "气象部门提醒，这个周末北部沿海地区将有大雨和强风。",
        "她在我们小区附近的学校教数学已经将近二十年了。",
        "山谷里的农民说，干旱的夏天让他们的收成减少了将近三分之一。",
        "我们的客服团队会在两个工作日内回复您的问题。",
        "博物馆除星期一以外每天开放，十二岁以下的儿童可以免费参观。",
        "科学家们仍在努力弄清楚为什么有些鸟类会在夜间迁徙。",
        "他把雨伞忘在了车站，回到家的时候全身都湿透了。",
        "这家公司宣布，明年将招聘两百名新的工程师。",
    ],
    "zh-Hant": [
        "市議會星期二晚上經過長時間討論，批准了公共圖書館的新預算。",
        "大多數志願者很早就到了，開始按照主題整理居民捐贈的書籍。",
        "研究人員發現，這座橋當年設計的通行能力遠遠低於現在的實際車流量。",
        "如果您想辦理護照續簽，請至少在出發前三個月提交申請。",
        "氣象部門提醒，這個週末北部沿海地區將有大雨和強風。",
        "她在我們社區附近的學校教數學已經將近二十年了。",
        "山谷裡的農民說，乾旱的夏天讓他們的收成減少了將近三分之一。",
        "我們的客服團隊會在兩個工作天內回覆您的問題。",
        "博物館除星期一以外每天開放，十二歲以下的兒童可以免費參觀。",
        "科學家們仍在努力弄清楚為什麼有些鳥類會在夜間遷徙。",
        "他把雨傘忘在了車站，回到家的時候全身都濕透了。",
        "這家公司宣佈，明年將招聘兩百名新的工程師。",
    ],
}


def _phrase(sentence: str, lang: str) -> str:
    """A short fragment (the hard case): about 25 characters of whole words, 10 characters for CJK/Thai."""
    if lang in _NO_SPACE or lang == "th":
        return sentence[: 10 if lang != "th" else 15]
    out: list[str] = []
    for w in sentence.split():
        out.append(w)
        if len(" ".join(out)) >= 25:
            break
    return " ".join(out)


def build(seed: int = SEED) -> list[dict[str, str]]:
    """Compose 36 documents per language: 12 sentences, 10 short and 10 long paragraphs, 4 fragments."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for lang in sorted(SENTENCES):
        sents = SENTENCES[lang]
        sep = "" if lang in _NO_SPACE else " "
        docs: list[tuple[str, str]] = [("sentence", s) for s in sents]
        for _ in range(10):
            docs.append(("short", sep.join(rng.sample(sents, rng.randint(2, 3)))))
        for _ in range(10):
            k = rng.randint(4, 8)
            picked = rng.sample(sents, k)
            cut = rng.randint(1, k - 1)
            docs.append(("long", sep.join(picked[:cut]) + "\n\n" + sep.join(picked[cut:])))
        for s in rng.sample(sents, 4):
            docs.append(("phrase", _phrase(s, lang)))
        for i, (kind, text) in enumerate(docs):
            rows.append({"id": f"{lang}-{i:02d}", "lang": lang, "kind": kind, "text": text})
    return rows


def main() -> None:
    rows = build()
    write_jsonl(OUT, rows)
    langs = sorted({r["lang"] for r in rows})
    print(f"wrote {len(rows)} documents in {len(langs)} languages to {OUT}")


if __name__ == "__main__":
    main()
