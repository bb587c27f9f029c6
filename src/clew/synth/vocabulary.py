"""Phrase banks the synthetic ads are written from, in English and Spanish.

Stock phrases are shared by many unrelated posters on purpose (so text alone cannot tell operators
apart); cue phrases are indicators that every kind of operator uses, networks far more often.
Text is suggestive but never explicit.
"""

from __future__ import annotations

NAMES_EN = (
    "Mia", "Sofia", "Ava", "Bella", "Chloe", "Lily", "Jade", "Ruby", "Luna", "Nina", "Kiki", "Roxy",
    "Candy", "Destiny", "Diamond", "Amber", "Crystal", "Jasmine", "Brooke", "Madison", "Kayla", "Alexis",
    "Brittany", "Tiffany", "Paris", "Heaven", "Angel", "Honey", "Cherry", "Summer", "Autumn", "Skye",
    "Savannah", "Sierra", "Raven", "Scarlett", "Vanessa", "Victoria", "Natalie", "Aubrey", "Harley",
    "Peyton", "Kendall", "Layla", "Mila", "Stella", "Violet", "Ivy", "Hazel", "Emma", "Olivia", "Zoe",
    "Gigi", "Coco", "Lexi", "Dani", "Tori", "Nikki", "Jenna", "Kylie", "Megan", "Tasha", "Monique",
    "Ebony", "Keisha", "Aaliyah", "Imani", "Yuki", "Mei", "Lin", "Hana", "Suki", "Kim", "Anya",
    "Katya", "Natasha", "Irina", "Daria", "Elena", "Sasha", "Bianca", "Gia", "Lola", "Trixie", "Barbie",
    "Sugar", "Spice", "Misty", "Starr", "Jewel", "Precious", "Unique", "Essence", "Cinnamon", "Mocha",
    "Carmen", "Vivian", "Rose", "Poppy", "Daisy", "Willow", "Jordan", "Taylor", "Riley", "Quinn",
    "Aspen", "Blair", "Sloane", "Serena", "Tatiana", "Noelle", "Eden", "Faith", "Hope", "Trinity",
)
NAMES_ES = (
    "Valentina", "Camila", "Isabella", "Daniela", "Mariana", "Gabriela", "Valeria", "Fernanda", "Lupita",
    "Ximena", "Paola", "Andrea", "Carolina", "Natalia", "Sofía", "Lucía", "Alejandra", "Juliana",
    "Karla", "Yesenia", "Araceli", "Rocío", "Esmeralda", "Paloma", "Marisol", "Dulce", "Estrella",
    "Luz", "Milagros", "Catalina", "Manuela", "Antonella", "Renata", "Regina", "Jimena", "Abril",
    "Pilar", "Nerea", "Alba", "Carla", "Noelia", "Yuliana", "Leidy", "Yuri", "Tatiana", "Brenda",
    "Michelle", "Nicole", "Kimberly", "Wendy", "Ámbar", "Cielo", "Perla", "Rubí", "Coral", "Azul",
    "Salomé", "Mía", "Zoe", "Luna", "Sara", "Emilia", "Martina", "Ariana", "Keila", "Dayana",
)

#: stock phrases many unrelated posters share
STOCK_EN = (
    "100% real pics", "100% real photos", "no rush", "upscale gentlemen only", "new in town",
    "text only no calls", "no blocked calls", "no law enforcement", "serious inquiries only",
    "discreet and clean", "GFE", "incall/outcall", "available now", "ask about my specials",
    "respectful gentlemen only", "no games no drama", "real and verified", "no explicit texts",
    "safe and discreet", "clean and classy", "outcall available", "incall only", "no pimps",
    "all real no fakes", "what you see is what you get", "no upsell", "satisfaction guaranteed",
    "don't miss out", "limited time only", "come see me", "private location", "no texting games",
    "screening required", "no rude guys", "must be 21+", "no prepaid numbers", "open minded",
    "the best in town", "your satisfaction is my priority", "unrushed sessions", "no back to back",
    "serious gents only", "come relax with me", "no disappointments", "pics are recent",
    "friendly and fun", "book ahead", "call me now", "text me", "dont be shy", "let's have fun",
)
STOCK_ES = (
    "fotos 100% reales", "sin prisas", "solo caballeros", "nueva en la ciudad", "solo whatsapp",
    "solo mensajes", "discreción total", "trato de novia", "servicio a domicilio", "lugar propio",
    "hotel y domicilio", "disponible ahora", "pregunta por mis promociones", "no llamadas ocultas",
    "caballeros respetuosos", "cero dramas", "real y verificada", "limpia y discreta", "sin engaños",
    "lo que ves es lo que hay", "atención de lujo", "no te arrepentirás", "no cobro de más",
    "garantizado", "ven a relajarte", "recién llegada", "100% confiable", "ambiente privado",
    "llámame", "escríbeme", "no seas tímido", "trato VIP", "me encanta consentir",
)

#: words to build each independent's own text
ADJ_EN = (
    "sweet", "sexy", "classy", "playful", "sensual", "petite", "curvy", "slim", "thick", "busty",
    "elegant", "exotic", "gorgeous", "stunning", "bubbly", "flirty", "sophisticated", "down to earth",
    "upscale", "seductive", "charming", "naughty", "adventurous", "discreet", "fit", "athletic",
    "tattooed", "natural", "luscious", "irresistible", "captivating", "mature", "soft spoken",
    "witty", "warm", "passionate", "bold", "shy", "sultry", "radiant", "southern", "tall",
)
ADJ_ES = (
    "dulce", "sexy", "elegante", "juguetona", "sensual", "petite", "curvilínea", "delgada", "exuberante",
    "hermosa", "espectacular", "coqueta", "sofisticada", "seductora", "encantadora", "traviesa",
    "discreta", "atlética", "natural", "irresistible", "cariñosa", "apasionada", "tímida", "ardiente",
    "complaciente", "alegre", "educada", "fina", "preciosa", "candente",
)
LOOKS_EN = (
    "Latina", "Asian", "ebony", "blonde", "brunette", "redhead", "Puerto Rican", "Colombian",
    "Brazilian", "Cuban", "mixed", "Russian", "Thai", "Korean", "Japanese", "Filipina", "Italian",
    "Irish", "Cali girl", "country girl", "college girl", "island girl", "snow bunny", "spinner",
    "BBW", "MILF", "cowgirl", "surfer girl", "gym girl", "girl next door",
)
LOOKS_ES = (
    "latina", "colombiana", "venezolana", "mexicana", "paisa", "caleña", "costeña", "morena", "rubia",
    "trigueña", "pelirroja", "universitaria", "colegiala", "madurita", "gordibuena", "chica fitness",
    "cubana", "dominicana", "brasileña", "española",
)
HOBBY_EN = (
    "good wine", "long conversations", "dancing", "travel", "the beach", "yoga", "cooking",
    "fine dining", "live music", "tattoos", "fashion", "road trips", "reading", "art galleries",
    "the gym", "movie nights", "karaoke", "hiking", "spa days", "shopping", "cocktails", "sushi",
    "jazz", "video games", "poetry", "sunsets", "good cologne", "laughing", "massages",
)
HOBBY_ES = (
    "el buen vino", "bailar", "viajar", "la playa", "el yoga", "cocinar", "la música", "las charlas",
    "ir de compras", "el gimnasio", "los masajes", "la salsa", "el reggaetón", "cenar rico",
)
SERVICE_EN = (
    "girlfriend experience", "relaxing massage", "dinner dates", "overnights", "travel companion",
    "fetish friendly", "couples friendly", "duo available", "body rubs", "role play", "fantasy",
    "party friendly", "sensual massage", "porn star experience", "dinner and drinks", "weekend getaways",
    "lingerie shows", "stress relief", "nuru", "four hands", "fly me to you", "social events",
)
SERVICE_ES = (
    "trato de novia", "masajes relajantes", "cenas", "noches completas", "acompañante de viaje",
    "fantasías", "parejas", "dúo", "despedidas", "masaje sensual", "fiestas", "salidas a cenar",
)

OPENERS_EN = (
    "Hey gentlemen", "Hi there", "Hello boys", "Hey guys", "Welcome", "Hi gents", "Good evening",
    "Hey you", "Heyyy", "Hi loves", "Attention gentlemen", "Hey handsome", "Helloooo", "Greetings",
    "Hey daddy", "Look no further", "Stop scrolling", "Hello sweetie", "What's up", "Hiiii",
)
OPENERS_ES = (
    "Hola caballeros", "Hola mi amor", "Hola guapo", "Bienvenidos", "Hola papi", "Buenas noches",
    "Hola amor", "Hey guapo", "Hola cariño", "Atención caballeros", "Holaaa", "Hola bebé",
)
CLOSERS_EN = (
    "Hope to see you soon", "Don't be shy", "See you soon", "Can't wait to meet you", "Xoxo",
    "Kisses", "Text me now", "Treat yourself", "You won't regret it", "Let's make memories",
    "Come play", "Book now", "Talk soon", "Until then", "Spoil me and I'll spoil you", "Be good",
)
CLOSERS_ES = (
    "Te espero", "Besos", "No te vas a arrepentir", "Escríbeme ya", "Nos vemos pronto", "Un beso",
    "Te espero con ganas", "Ven ya", "Consiéntete", "Agenda tu cita",
)

#: frames for sentences of an independent's own text; {adj} {adj2} {look} {hobby} {hobby2} {service} {name} {city}
FRAMES_EN = (
    "I'm {name}, a {adj} and {adj2} {look} who loves {hobby}",
    "My name is {name} and I love {hobby} and {hobby2}",
    "{name} here, your {adj} {look} in {city}",
    "If you like {adj} {look}s you found the right girl",
    "I offer the best {service} in {city}",
    "I specialize in {service} and {service2}",
    "Let me be your {adj} escape from the everyday",
    "I'm {adj}, {adj2} and always in the mood for {hobby}",
    "Looking for a {adj} companion for {hobby}?",
    "Treat yourself to a {adj} {look} with a {adj2} smile",
    "Nothing beats {hobby} with good company",
    "I'm the {adj} {look} your friends will be jealous of",
    "Ask me about {service}",
    "My favorite things are {hobby}, {hobby2} and good company",
    "Take a break from your busy day with a {adj} {look}",
    "Busy professional? I offer {service} for discerning gentlemen",
    "Your new favorite {adj} {look} is finally in {city}",
    "Just a {adj} girl who loves {hobby}",
    "I love to pamper and be pampered",
    "Every session is {adj} and relaxed",
    "Come enjoy my {adj} company and {adj2} personality",
    "I'm a {adj} {look} with a heart of gold",
    "I have a passion for {hobby} and making new friends",
    "Gentlemen who appreciate {hobby} will love me",
    "My {service} is the talk of {city}",
    "Looking for something {adj}? I'm {name}",
)
FRAMES_ES = (
    "Soy {name}, una {look} {adj} y {adj2} que ama {hobby}",
    "Me llamo {name} y me encanta {hobby}",
    "{name} aquí, tu {look} {adj} en {city}",
    "Si te gustan las {look}s {adj}s encontraste a la indicada",
    "Ofrezco el mejor {service} de {city}",
    "Soy {adj}, {adj2} y siempre con ganas de {hobby}",
    "Buscas una compañía {adj} para {hobby}?",
    "Consiéntete con una {look} {adj}",
    "Me encanta consentir y ser consentida",
    "Cada cita es {adj} y relajada",
    "Ven a disfrutar de mi compañía {adj}",
    "Pregúntame por {service}",
    "Soy la {look} {adj} que estabas buscando",
    "Mi especialidad es {service}",
)

#: indicator cues; networks use them a lot, everyone else sometimes
YOUTH_EN = (
    "young and fresh", "fresh face", "new to this", "barely legal", "sweet young thing", "young petite",
    "brand new girl", "first time posting", "so young and sweet", "tiny and young", "fresh 🍒",
    "🌱 new", "young 💗", "innocent looking", "school girl look", "just started",
)
YOUTH_ES = (
    "jovencita", "recién llegada y fresca", "nueva en esto", "carita de niña", "muy jovencita",
    "primera vez anunciándome", "fresca 🍒", "tierna 🌱", "chiquita y dulce", "recién cumplidos",
)
YOUTH_EMOJI = ("🍒", "🌱", "💗", "🎀", "🍭", "🧸")
CONTROL_EN = (
    "we have new girls every week", "my girls are the best", "she will make you happy",
    "deposit first", "deposit required before she comes", "no talking to other men",
    "text her manager", "booking through me only", "she doesn't speak much English",
    "we are open 24 hours", "ask for the girls", "we deliver to your hotel", "I will send her",
    "all girls available", "she will be waiting", "our girls", "call to book one of our girls",
    "she is new and ready", "contact me to book her", "girls rotate weekly",
)
CONTROL_ES = (
    "tenemos chicas nuevas cada semana", "mis chicas son las mejores", "ella te va a consentir",
    "anticipo primero", "depósito antes de que ella llegue", "reservas solo conmigo",
    "ella no habla mucho", "pregunta por las chicas", "te la mandamos a tu hotel", "ella te espera",
    "nuestras chicas", "escríbele a su encargado",
)
MOVEMENT_EN = (
    "new in town", "last night here", "visiting", "✈️ just landed", "here for a few days only",
    "leaving soon", "only here until Sunday", "on tour", "passing through", "just arrived",
    "back in town", "in town this week only", "last day", "visiting from out of town",
)
MOVEMENT_ES = (
    "nueva en la ciudad", "última noche", "de visita", "✈️ recién llegada", "solo unos días",
    "me voy pronto", "solo hasta el domingo", "de gira", "de paso", "recién llegada",
)
AVAILABILITY_EN = ("24/7", "available anytime", "always available", "available 24 hours", "open late", "all night", "anytime day or night")
AVAILABILITY_ES = ("24/7", "disponible las 24 horas", "siempre disponible", "a cualquier hora", "toda la noche")
HOTEL_EN = (
    "hotel incall", "incall at my hotel", "upscale hotel incall", "near the airport", "room ready",
    "hotel room near the strip", "motel incall", "incall near the highway", "ask for room number",
)
HOTEL_ES = ("hotel", "hotel cerca del aeropuerto", "en mi hotel", "habitación lista", "motel")
SPECIALS_EN = ("specials all day", "cheap specials", "low donations", "special rates today", "discount for regulars", "$$ specials $$")
SPECIALS_ES = ("promociones todo el día", "precios bajos", "promo especial", "descuento hoy")

#: lines that set the mood of the body without carrying anything extractable
FILLERS_EN = (
    "Let's make tonight unforgettable", "Life is short, have some fun", "I can't wait to meet you",
    "You deserve a break", "Good vibes only", "I'm always smiling", "I know how to treat a man",
    "Every moment with me is special", "Relax and leave the rest to me", "I'm easy to talk to",
    "Come see what everyone is talking about", "I take my time", "Hygiene is a must",
    "Gentlemen only please", "Please read my whole ad", "Texts with a time and place get answered first",
    "I don't do games", "Cash only", "Respect my limits and we'll have fun", "I love meeting new people",
)
FILLERS_ES = (
    "Hagamos esta noche inolvidable", "La vida es corta, diviértete", "Te lo mereces",
    "Solo buena vibra", "Sé cómo tratar a un caballero", "Relájate y déjame todo a mí",
    "Soy muy fácil de tratar", "Higiene obligatoria", "Lee todo mi anuncio por favor", "Solo efectivo",
)

TITLE_FRAMES_EN = (
    "{adj} {look} {name}", "{name} - {adj} {look} in {city}", "🔥 {name} 🔥 {stock}", "{stock} ❤️ {name}",
    "{adj} and {adj2} {look} {stock}", "{name} ✨ {service}", "{city}'s {adj} {look}", "{look} {name} {emoji}",
    "{stock}!! {adj} {name}", "{NAME} {stock}", "{adj} {look} available now", "{name} ~ {adj} {look} ~ {city}",
    "{emoji} {name} {emoji} {adj} {look}", "{adj} {look} {service}",
)
TITLE_FRAMES_ES = (
    "{look} {adj} {name}", "{name} - {look} {adj} en {city}", "🔥 {name} 🔥 {stock}", "{stock} ❤️ {name}",
    "{name} ✨ {service}", "{look} {name} {emoji}", "{NAME} {stock}", "{emoji} {name} {emoji} {look} {adj}",
)
EMOJI = ("💋", "🔥", "✨", "💕", "😘", "🌹", "💎", "👑", "😍", "🥰", "💦", "🍑", "❤️", "💖", "😈", "🦋", "🌸", "⭐", "🥂", "🍾")

AGENCY_WORDS_A = ("Velvet", "Diamond", "Elite", "Platinum", "Golden", "Crimson", "Silk", "Pearl", "Royal", "Sapphire", "Ruby", "Angel", "Midnight", "Luxe", "Star", "Divine", "Secret", "Onyx", "Ivory", "Scarlet")
AGENCY_WORDS_B = ("Rose", "Touch", "Dreams", "Angels", "Dolls", "Lounge", "Garden", "Society", "Club", "Muses", "Kiss", "Affair", "Desire", "Belles", "Bunnies", "Room")
AGENCY_WORDS_C = ("Companions", "VIP", "Escorts", "Agency", "Models", "Entertainment", "Spa", "Massage", "Girls", "Social Club", "Elite Models", "Agencia", "Damas")

#: title and sentence frames a network's template is built from: the slots vary per ad
TEMPLATE_TITLES_EN = (
    "{name} {youth} {movement} {emoji}", "{emoji}{emoji} {NAME} {age} {movement} {emoji}{emoji}",
    "{movement}!! {youth} {look} {name}", "{name} {age} {look} {emoji} {special}",
    "{youth} {name} {emoji} {availability}", "{NEW} {look} {name} {emoji} {city}",
    "{look} {youth} {name} {age} {emoji}", "{emoji} {movement} {emoji} {name} {youth}",
)
TEMPLATE_TITLES_ES = (
    "{name} {youth} {movement} {emoji}", "{emoji} {NAME} {age} {movement} {emoji}",
    "{movement}!! {youth} {look} {name}", "{look} {youth} {name} {emoji} {special}",
)
TEMPLATE_LINES_EN = (
    "Hi I'm {name} {age}", "{name} here {emoji}", "I'm {name}, {youth}", "{youth} {look} {name}",
    "{movement} {city}", "{movement} {emoji} {availability}", "{hotel}", "{hotel} {city}",
    "{availability}", "{control}", "{control}", "{special}", "{price}", "{price} {special}",
    "{stock}", "{stock}", "{stock} {emoji}", "{filler}", "{service}", "{adj} {look} {emoji}",
    "Come see me in {city}", "{youth} {emoji}", "ask for {name}",
)
TEMPLATE_LINES_ES = (
    "Hola soy {name} {age}", "{name} aquí {emoji}", "Soy {name}, {youth}", "{youth} {look} {name}",
    "{movement} {city}", "{movement} {emoji} {availability}", "{hotel}", "{availability}",
    "{control}", "{control}", "{special}", "{price}", "{stock}", "{stock} {emoji}", "{filler}",
    "{service}", "{look} {adj} {emoji}", "Ven a verme en {city}", "pregunta por {name}",
)

#: typos posters make: (right, wrong)
TYPOS = (
    ("gentlemen", "gentleman"), ("available", "availble"), ("discreet", "discrete"), ("you", "u"),
    ("your", "ur"), ("tonight", "tonite"), ("please", "plz"), ("really", "rly"), ("definitely", "definately"),
    ("to", "2"), ("for", "4"), ("are", "r"), ("because", "cuz"), ("beautiful", "beautifull"),
    ("experience", "experiance"), ("appointment", "appt"), ("satisfaction", "satisfacion"),
    ("ciudad", "cuidad"), ("llámame", "llamame"), ("también", "tambien"), ("está", "esta"),
)
