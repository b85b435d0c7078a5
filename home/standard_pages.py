"""The first text of the About, Contact and Privacy pages in every language. The tree
builder (home/site_tree.py) creates each page once with this text; from then on the
pages belong to the editors, who change them in the admin like any other page.

CONTACT_ADDRESS is a placeholder until the team sets its own in the admin."""

CONTACT_ADDRESS = "contact@childhub.example.org"
MAIL = f'<a href="mailto:{CONTACT_ADDRESS}">{CONTACT_ADDRESS}</a>'

STANDARD_PAGES = {
    "about": {
        "en": (
            "About ChildHub",
            "ChildHub is a learning and networking platform for people who protect children in South-East Europe and Ukraine.",
            [
                "Social workers, teachers, police officers, health and justice professionals, policymakers, students and parents use it to find news from their region, upcoming trainings and webinars, job openings and experts who can help.",
                "Teams in Albania, Bosnia and Herzegovina, Bulgaria, Croatia, Hungary, Kosovo, Moldova, Romania, Serbia and Ukraine publish in their own languages and translate each other's work, so that good practice travels across borders.",
            ],
        ),
        "sq": (
            "Rreth ChildHub",
            "ChildHub është një platformë mësimi dhe rrjetëzimi për njerëzit që mbrojnë fëmijët në Evropën Juglindore dhe në Ukrainë.",
            [
                "Punonjësit socialë, mësuesit, policët, profesionistët e shëndetësisë dhe të drejtësisë, politikëbërësit, studentët dhe prindërit e përdorin për të gjetur lajme nga rajoni i tyre, trajnime dhe webinarë të ardhshëm, vende pune dhe ekspertë që mund të ndihmojnë.",
                "Ekipet në Shqipëri, Bosnjë e Hercegovinë, Bullgari, Kroaci, Hungari, Kosovë, Moldavi, Rumani, Serbi dhe Ukrainë publikojnë në gjuhët e tyre dhe përkthejnë punën e njëri-tjetrit, që praktikat e mira të kalojnë kufijtë.",
            ],
        ),
        "bg": (
            "За ChildHub",
            "ChildHub е платформа за обучение и контакти за хората, които закрилят деца в Югоизточна Европа и Украйна.",
            [
                "Социални работници, учители, полицаи, специалисти от здравеопазването и правосъдието, политици, студенти и родители я използват, за да намират новини от своя регион, предстоящи обучения и уебинари, свободни работни места и експерти, които могат да помогнат.",
                "Екипите в Албания, Босна и Херцеговина, България, Хърватия, Унгария, Косово, Молдова, Румъния, Сърбия и Украйна публикуват на своите езици и превеждат работата си един на друг, така че добрите практики да преминават границите.",
            ],
        ),
        "el": (
            "Σχετικά με το ChildHub",
            "Το ChildHub είναι μια πλατφόρμα μάθησης και δικτύωσης για όσους προστατεύουν τα παιδιά στη Νοτιοανατολική Ευρώπη και την Ουκρανία.",
            [
                "Κοινωνικοί λειτουργοί, εκπαιδευτικοί, αστυνομικοί, επαγγελματίες υγείας και δικαιοσύνης, υπεύθυνοι χάραξης πολιτικής, φοιτητές και γονείς τη χρησιμοποιούν για να βρίσκουν ειδήσεις από την περιοχή τους, επερχόμενες εκπαιδεύσεις και διαδικτυακά σεμινάρια, θέσεις εργασίας και ειδικούς που μπορούν να βοηθήσουν.",
                "Οι ομάδες στην Αλβανία, τη Βοσνία-Ερζεγοβίνη, τη Βουλγαρία, την Κροατία, την Ουγγαρία, το Κοσσυφοπέδιο, τη Μολδαβία, τη Ρουμανία, τη Σερβία και την Ουκρανία δημοσιεύουν στις γλώσσες τους και μεταφράζουν η μία τη δουλειά της άλλης, ώστε οι καλές πρακτικές να περνούν τα σύνορα.",
            ],
        ),
        "fr": (
            "À propos de ChildHub",
            "ChildHub est une plateforme d'apprentissage et de mise en réseau pour les personnes qui protègent les enfants en Europe du Sud-Est et en Ukraine.",
            [
                "Travailleurs sociaux, enseignants, policiers, professionnels de la santé et de la justice, décideurs, étudiants et parents y trouvent les actualités de leur région, les formations et webinaires à venir, des offres d'emploi et des experts qui peuvent les aider.",
                "Les équipes d'Albanie, de Bosnie-Herzégovine, de Bulgarie, de Croatie, de Hongrie, du Kosovo, de Moldavie, de Roumanie, de Serbie et d'Ukraine publient dans leurs langues et traduisent le travail des autres, pour que les bonnes pratiques franchissent les frontières.",
            ],
        ),
        "hu": (
            "A ChildHubról",
            "A ChildHub tanulási és kapcsolatépítő platform mindazoknak, akik gyermekeket védenek Délkelet-Európában és Ukrajnában.",
            [
                "Szociális munkások, pedagógusok, rendőrök, egészségügyi és igazságügyi szakemberek, döntéshozók, hallgatók és szülők itt találnak híreket a régiójukból, közelgő képzéseket és webináriumokat, állásajánlatokat és olyan szakértőket, akik segíteni tudnak.",
                "Az albániai, bosznia-hercegovinai, bulgáriai, horvátországi, magyarországi, koszovói, moldovai, romániai, szerbiai és ukrajnai csapatok a saját nyelvükön publikálnak, és lefordítják egymás munkáját, hogy a jó gyakorlatok átjussanak a határokon.",
            ],
        ),
        "ro": (
            "Despre ChildHub",
            "ChildHub este o platformă de învățare și colaborare pentru cei care protejează copiii în Europa de Sud-Est și în Ucraina.",
            [
                "Asistenți sociali, profesori, polițiști, profesioniști din sănătate și justiție, factori de decizie, studenți și părinți o folosesc pentru a găsi știri din regiunea lor, cursuri și webinarii viitoare, locuri de muncă și experți care îi pot ajuta.",
                "Echipele din Albania, Bosnia și Herțegovina, Bulgaria, Croația, Ungaria, Kosovo, Republica Moldova, România, Serbia și Ucraina publică în limbile lor și traduc munca celorlalți, pentru ca bunele practici să treacă granițele.",
            ],
        ),
        "sh": (
            "O ChildHubu",
            "ChildHub je platforma za učenje i umrežavanje za ljude koji štite djecu u jugoistočnoj Evropi i Ukrajini.",
            [
                "Socijalni radnici, nastavnici, policija, zdravstveni i pravosudni stručnjaci, donosioci odluka, studenti i roditelji ovdje pronalaze vijesti iz svoje regije, predstojeće obuke i vebinare, oglase za posao i stručnjake koji mogu pomoći.",
                "Timovi iz Albanije, Bosne i Hercegovine, Bugarske, Hrvatske, Mađarske, Kosova, Moldavije, Rumunije, Srbije i Ukrajine objavljuju na svojim jezicima i prevode radove jedni drugih, kako bi dobra praksa prelazila granice.",
            ],
        ),
        "uk": (
            "Про ChildHub",
            "ChildHub — це платформа для навчання та співпраці людей, які захищають дітей у Південно-Східній Європі та Україні.",
            [
                "Соціальні працівники, вчителі, поліцейські, фахівці охорони здоров’я та правосуддя, посадовці, студенти й батьки знаходять тут новини свого регіону, найближчі тренінги та вебінари, вакансії та експертів, які можуть допомогти.",
                "Команди з Албанії, Боснії і Герцеговини, Болгарії, Хорватії, Угорщини, Косова, Молдови, Румунії, Сербії та України публікують матеріали своїми мовами й перекладають роботу одне одного, щоб добрі практики долали кордони.",
            ],
        ),
        "ru": (
            "О ChildHub",
            "ChildHub — платформа для обучения и сотрудничества людей, которые защищают детей в Юго-Восточной Европе и Украине.",
            [
                "Социальные работники, учителя, полицейские, специалисты здравоохранения и правосудия, политики, студенты и родители находят здесь новости своего региона, ближайшие тренинги и вебинары, вакансии и экспертов, которые могут помочь.",
                "Команды из Албании, Боснии и Герцеговины, Болгарии, Хорватии, Венгрии, Косова, Молдовы, Румынии, Сербии и Украины публикуют материалы на своих языках и переводят работу друг друга, чтобы хорошие практики пересекали границы.",
            ],
        ),
    },
    "contact": {
        "en": (
            "Contact",
            "We are glad to hear from you.",
            [
                "To reach an expert, use the contact form on their profile: your message is forwarded to them, and their address is never shown.",
                f"For news, events or vacancies from your country, corrections or questions about this site, write to us at {MAIL} and name your country. We answer in your language when we can.",
            ],
        ),
        "sq": (
            "Kontakt",
            "Na vjen mirë të dëgjojmë nga ju.",
            [
                "Për të kontaktuar një ekspert, përdorni formularin e kontaktit në profilin e tij ose të saj: mesazhi juaj i përcillet ekspertit dhe adresa e tij nuk shfaqet kurrë.",
                f"Për lajme, ngjarje ose vende pune nga vendi juaj, për korrigjime ose pyetje rreth kësaj faqeje, na shkruani në {MAIL} dhe përmendni vendin tuaj. Kur mundemi, përgjigjemi në gjuhën tuaj.",
            ],
        ),
        "bg": (
            "Контакти",
            "Ще се радваме да ни пишете.",
            [
                "За да се свържете с експерт, използвайте формата за контакт в профила му: съобщението ви се препраща до него, а адресът му никога не се показва.",
                f"За новини, събития или свободни места от вашата държава, за корекции или въпроси за сайта пишете ни на {MAIL}, като посочите държавата си. Когато можем, отговаряме на вашия език.",
            ],
        ),
        "el": (
            "Επικοινωνία",
            "Χαιρόμαστε να ακούμε από εσάς.",
            [
                "Για να επικοινωνήσετε με έναν ειδικό, χρησιμοποιήστε τη φόρμα επικοινωνίας στο προφίλ του: το μήνυμά σας του προωθείται και η διεύθυνσή του δεν εμφανίζεται ποτέ.",
                f"Για ειδήσεις, εκδηλώσεις ή θέσεις εργασίας από τη χώρα σας, για διορθώσεις ή ερωτήσεις σχετικά με τον ιστότοπο, γράψτε μας στο {MAIL} αναφέροντας τη χώρα σας. Όταν μπορούμε, απαντάμε στη γλώσσα σας.",
            ],
        ),
        "fr": (
            "Contact",
            "Nous serons heureux de vous lire.",
            [
                "Pour joindre un expert, utilisez le formulaire de contact de son profil : votre message lui est transmis et son adresse n'est jamais affichée.",
                f"Pour une actualité, un événement ou une offre d'emploi de votre pays, une correction ou une question sur ce site, écrivez-nous à {MAIL} en précisant votre pays. Nous répondons dans votre langue lorsque c'est possible.",
            ],
        ),
        "hu": (
            "Kapcsolat",
            "Örömmel fogadjuk megkeresését.",
            [
                "Ha egy szakértővel szeretne kapcsolatba lépni, használja a profilján található kapcsolatfelvételi űrlapot: üzenetét továbbítjuk neki, az e-mail-címe pedig soha nem jelenik meg.",
                f"Országa híreivel, eseményeivel vagy álláshirdetéseivel, javításokkal vagy az oldallal kapcsolatos kérdésekkel írjon nekünk a {MAIL} címre, és nevezze meg országát. Ha tudunk, az Ön nyelvén válaszolunk.",
            ],
        ),
        "ro": (
            "Contact",
            "Ne bucurăm să primim vești de la dumneavoastră.",
            [
                "Pentru a lua legătura cu un expert, folosiți formularul de contact din profilul său: mesajul dumneavoastră îi este transmis, iar adresa lui nu este afișată niciodată.",
                f"Pentru știri, evenimente sau locuri de muncă din țara dumneavoastră, pentru corecturi sau întrebări despre acest site, scrieți-ne la {MAIL} și menționați țara. Când putem, răspundem în limba dumneavoastră.",
            ],
        ),
        "sh": (
            "Kontakt",
            "Radujemo se vašoj poruci.",
            [
                "Da biste kontaktirali stručnjaka, koristite obrazac za kontakt na njegovom profilu: vaša poruka mu se prosljeđuje, a njegova adresa se nikada ne prikazuje.",
                f"Za vijesti, događaje ili oglase za posao iz vaše zemlje, ispravke ili pitanja o ovoj stranici pišite nam na {MAIL} i navedite svoju zemlju. Kad možemo, odgovaramo na vašem jeziku.",
            ],
        ),
        "uk": (
            "Контакти",
            "Будемо раді вашому листу.",
            [
                "Щоб зв’язатися з експертом, скористайтеся формою зв’язку в його профілі: ваше повідомлення буде переслано експертові, а його адреса ніколи не показується.",
                f"Щодо новин, подій чи вакансій із вашої країни, виправлень або запитань про сайт пишіть нам на {MAIL} і вкажіть свою країну. Коли можемо, відповідаємо вашою мовою.",
            ],
        ),
        "ru": (
            "Контакты",
            "Будем рады вашему письму.",
            [
                "Чтобы связаться с экспертом, воспользуйтесь формой связи в его профиле: ваше сообщение будет переслано эксперту, а его адрес никогда не показывается.",
                f"По вопросам новостей, событий или вакансий из вашей страны, исправлений или работы сайта пишите нам на {MAIL} и укажите свою страну. Когда можем, отвечаем на вашем языке.",
            ],
        ),
    },
    "privacy": {
        "en": (
            "Privacy",
            "We collect as little as we can, and we never sell it or share it for advertising.",
            [
                "Reading the site needs no account and sets no tracking or advertising cookies. Our servers keep technical logs (address, page, time) for a short time to keep the site secure.",
                "Messages sent through an expert's contact form are forwarded by e-mail and are not kept on this site. Please do not include details that could identify a child or a family.",
                f"Experts choose what their profile shows and can change or remove it at any time. To ask what we hold about you, or to have it corrected or deleted, write to {MAIL}.",
            ],
        ),
        "sq": (
            "Privatësia",
            "Mbledhim sa më pak të dhëna dhe nuk i shesim e nuk i ndajmë kurrë për reklama.",
            [
                "Leximi i faqes nuk kërkon llogari dhe nuk vendos cookies gjurmimi ose reklamash. Serverët tanë ruajnë regjistra teknikë (adresën, faqen, orën) për një kohë të shkurtër, për sigurinë e faqes.",
                "Mesazhet e dërguara përmes formularit të kontaktit të një eksperti i përcillen me e-mail dhe nuk ruhen në këtë faqe. Ju lutemi mos përfshini të dhëna që mund të identifikojnë një fëmijë ose një familje.",
                f"Ekspertët zgjedhin se çfarë tregon profili i tyre dhe mund ta ndryshojnë ose ta heqin në çdo kohë. Për të pyetur se çfarë kemi për ju, ose për ta korrigjuar apo fshirë, shkruani në {MAIL}.",
            ],
        ),
        "bg": (
            "Поверителност",
            "Събираме възможно най-малко данни и никога не ги продаваме и не ги споделяме за реклама.",
            [
                "Четенето на сайта не изисква профил и не поставя бисквитки за проследяване или реклама. Сървърите ни пазят технически записи (адрес, страница, час) за кратко време, за да поддържат сайта сигурен.",
                "Съобщенията, изпратени чрез формата за контакт на експерт, се препращат по имейл и не се съхраняват на сайта. Моля, не включвайте данни, по които може да бъде разпознато дете или семейство.",
                f"Експертите сами избират какво да показва профилът им и могат да го променят или премахнат по всяко време. За да попитате какви данни имаме за вас или да поискате да бъдат поправени или изтрити, пишете на {MAIL}.",
            ],
        ),
        "el": (
            "Απόρρητο",
            "Συλλέγουμε όσο το δυνατόν λιγότερα δεδομένα και ποτέ δεν τα πουλάμε ούτε τα μοιραζόμαστε για διαφήμιση.",
            [
                "Η ανάγνωση του ιστότοπου δεν απαιτεί λογαριασμό και δεν τοποθετεί cookies παρακολούθησης ή διαφήμισης. Οι διακομιστές μας κρατούν τεχνικά αρχεία καταγραφής (διεύθυνση, σελίδα, ώρα) για σύντομο διάστημα, για την ασφάλεια του ιστότοπου.",
                "Τα μηνύματα που αποστέλλονται μέσω της φόρμας επικοινωνίας ενός ειδικού προωθούνται με e-mail και δεν αποθηκεύονται στον ιστότοπο. Παρακαλούμε μην περιλαμβάνετε στοιχεία που θα μπορούσαν να αποκαλύψουν την ταυτότητα ενός παιδιού ή μιας οικογένειας.",
                f"Οι ειδικοί επιλέγουν τι δείχνει το προφίλ τους και μπορούν να το αλλάξουν ή να το αφαιρέσουν οποιαδήποτε στιγμή. Για να ρωτήσετε ποια δεδομένα σας διατηρούμε ή να ζητήσετε τη διόρθωση ή τη διαγραφή τους, γράψτε στο {MAIL}.",
            ],
        ),
        "fr": (
            "Confidentialité",
            "Nous collectons le moins de données possible et ne les vendons ni ne les partageons jamais à des fins publicitaires.",
            [
                "La lecture du site ne demande aucun compte et ne dépose aucun cookie de suivi ou publicitaire. Nos serveurs conservent des journaux techniques (adresse, page, heure) pendant une courte durée pour assurer la sécurité du site.",
                "Les messages envoyés par le formulaire de contact d'un expert sont transmis par e-mail et ne sont pas conservés sur le site. N'y indiquez aucun détail permettant d'identifier un enfant ou une famille.",
                f"Les experts choisissent ce qu'affiche leur profil et peuvent le modifier ou le supprimer à tout moment. Pour savoir quelles données nous détenons sur vous, ou pour les faire corriger ou supprimer, écrivez à {MAIL}.",
            ],
        ),
        "hu": (
            "Adatvédelem",
            "A lehető legkevesebb adatot gyűjtjük, és soha nem adjuk el, illetve nem osztjuk meg reklámcélokra.",
            [
                "Az oldal olvasásához nem kell fiók, és nem helyezünk el követő vagy reklámcélú sütiket. Szervereink rövid ideig technikai naplót (cím, oldal, időpont) őriznek az oldal biztonsága érdekében.",
                "A szakértők kapcsolatfelvételi űrlapján küldött üzeneteket e-mailben továbbítjuk, és nem tároljuk az oldalon. Kérjük, ne írjon le olyan részleteket, amelyek alapján egy gyermek vagy egy család azonosítható.",
                f"A szakértők maguk döntik el, mit mutat a profiljuk, és bármikor módosíthatják vagy törölhetik. Ha tudni szeretné, milyen adatot tárolunk Önről, vagy kéri azok helyesbítését vagy törlését, írjon a {MAIL} címre.",
            ],
        ),
        "ro": (
            "Confidențialitate",
            "Colectăm cât mai puține date și nu le vindem și nu le împărtășim niciodată în scopuri publicitare.",
            [
                "Citirea site-ului nu necesită cont și nu plasează cookie-uri de urmărire sau de publicitate. Serverele noastre păstrează jurnale tehnice (adresă, pagină, oră) pentru scurt timp, pentru securitatea site-ului.",
                "Mesajele trimise prin formularul de contact al unui expert sunt transmise prin e-mail și nu sunt păstrate pe site. Vă rugăm să nu includeți detalii care ar putea identifica un copil sau o familie.",
                f"Experții aleg ce arată profilul lor și îl pot modifica sau șterge oricând. Pentru a afla ce date deținem despre dumneavoastră sau pentru a cere corectarea ori ștergerea lor, scrieți la {MAIL}.",
            ],
        ),
        "sh": (
            "Privatnost",
            "Prikupljamo što manje podataka i nikada ih ne prodajemo niti dijelimo u reklamne svrhe.",
            [
                "Za čitanje stranice nije potreban nalog i ne postavljamo kolačiće za praćenje ili oglašavanje. Naši serveri kratko čuvaju tehničke zapise (adresa, stranica, vrijeme) radi sigurnosti stranice.",
                "Poruke poslane putem obrasca za kontakt stručnjaka prosljeđuju se e-poštom i ne čuvaju se na stranici. Molimo vas da ne navodite podatke na osnovu kojih se može prepoznati dijete ili porodica.",
                f"Stručnjaci sami biraju šta njihov profil prikazuje i mogu ga u svakom trenutku izmijeniti ili ukloniti. Da biste saznali koje podatke o vama imamo ili zatražili njihovu ispravku ili brisanje, pišite na {MAIL}.",
            ],
        ),
        "uk": (
            "Конфіденційність",
            "Ми збираємо якомога менше даних і ніколи не продаємо їх і не передаємо для реклами.",
            [
                "Для читання сайту не потрібен обліковий запис, і ми не встановлюємо файлів cookie для стеження чи реклами. Наші сервери недовго зберігають технічні журнали (адреса, сторінка, час) для безпеки сайту.",
                "Повідомлення, надіслані через форму зв’язку з експертом, пересилаються електронною поштою і не зберігаються на сайті. Будь ласка, не зазначайте даних, за якими можна впізнати дитину чи родину.",
                f"Експерти самі обирають, що показує їхній профіль, і можуть будь-коли змінити чи видалити його. Щоб дізнатися, які дані про вас ми маємо, або попросити їх виправити чи видалити, напишіть на {MAIL}.",
            ],
        ),
        "ru": (
            "Конфиденциальность",
            "Мы собираем как можно меньше данных и никогда не продаём их и не передаём для рекламы.",
            [
                "Для чтения сайта не нужна учётная запись, и мы не устанавливаем файлы cookie для отслеживания или рекламы. Наши серверы недолго хранят технические журналы (адрес, страница, время) для безопасности сайта.",
                "Сообщения, отправленные через форму связи с экспертом, пересылаются по электронной почте и не хранятся на сайте. Пожалуйста, не указывайте данных, по которым можно узнать ребёнка или семью.",
                f"Эксперты сами выбирают, что показывает их профиль, и могут в любой момент изменить или удалить его. Чтобы узнать, какие данные о вас у нас есть, или попросить исправить либо удалить их, напишите на {MAIL}.",
            ],
        ),
    },
}
