"""Write briefing/data/countries.json from the hand-written table below.

Run once when the table changes:  .venv/bin/python tools/make_countries.py
Needs ``pycountry`` (pip install it temporarily) only to add ISO codes and
official names and to check currency codes; the shipped tool reads the JSON.

Table columns, ``|``-separated, lists ``;``-separated:
  iso2 | name | aliases | adjectives and demonyms | capital; other capitals | currency | flags
The first capital is the official one, the rest are other seats of government or
spellings. A combining form ending in "-" ("Sino-") matches only before a hyphen.
Flag ``capamb``: the capital is too ambiguous to be read as the country in running
text (it stays in the data). Regular plurals of demonyms
("Brazilians", "Azeris") and accent-free spellings ("Turkiye") are generated.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

TABLE = """
AF | Afghanistan | Islamic Emirate of Afghanistan | Afghan; Afghanistani | Kabul | AFN |
AL | Albania | Republic of Albania | Albanian | Tirana; Tiranë | ALL |
DZ | Algeria | People's Democratic Republic of Algeria | Algerian | Algiers | DZD |
AD | Andorra | Principality of Andorra | Andorran | Andorra la Vella | EUR |
AO | Angola | | Angolan | Luanda | AOA |
AG | Antigua and Barbuda | Antigua; Antigua & Barbuda | Antiguan; Barbudan | St. John's; Saint John's; St John's | XCD | capamb
AR | Argentina | Argentine Republic; the Argentine | Argentine; Argentinian; Argentinean | Buenos Aires | ARS |
AM | Armenia | Republic of Armenia | Armenian | Yerevan | AMD |
AU | Australia | Commonwealth of Australia | Australian; Aussie | Canberra | AUD |
AT | Austria | Republic of Austria | Austrian | Vienna | EUR |
AZ | Azerbaijan | Republic of Azerbaijan; Azerbaijan Republic | Azerbaijani; Azerbaijanian; Azeri | Baku | AZN |
BS | Bahamas | The Bahamas; Commonwealth of The Bahamas | Bahamian | Nassau | BSD |
BH | Bahrain | Kingdom of Bahrain | Bahraini | Manama | BHD |
BD | Bangladesh | People's Republic of Bangladesh | Bangladeshi | Dhaka; Dacca | BDT |
BB | Barbados | | Barbadian; Bajan | Bridgetown | BBD |
BY | Belarus | Republic of Belarus; Byelorussia; Belorussia; Belarussia; White Russia | Belarusian; Belarussian; Byelorussian; Belorussian; Belarusan | Minsk | BYN |
BE | Belgium | Kingdom of Belgium | Belgian | Brussels | EUR | capamb
BZ | Belize | | Belizean | Belmopan | BZD |
BJ | Benin | Republic of Benin; Dahomey | Beninese; Beninois | Porto-Novo; Cotonou | XOF |
BT | Bhutan | Kingdom of Bhutan | Bhutanese | Thimphu | BTN |
BO | Bolivia | Plurinational State of Bolivia | Bolivian | Sucre; La Paz | BOB |
BA | Bosnia and Herzegovina | Bosnia-Herzegovina; Bosnia & Herzegovina; Bosnia; BiH | Bosnian; Herzegovinian; Bosnian-Herzegovinian | Sarajevo | BAM |
BW | Botswana | Republic of Botswana | Botswanan; Motswana; Batswana | Gaborone | BWP |
BR | Brazil | Federative Republic of Brazil; Brasil | Brazilian | Brasília | BRL |
BN | Brunei | Brunei Darussalam; Nation of Brunei | Bruneian | Bandar Seri Begawan | BND |
BG | Bulgaria | Republic of Bulgaria | Bulgarian | Sofia | EUR |
BF | Burkina Faso | Burkina; Upper Volta | Burkinabé; Burkinabè | Ouagadougou | XOF |
BI | Burundi | Republic of Burundi | Burundian | Gitega; Bujumbura | BIF |
CV | Cape Verde | Cabo Verde; Republic of Cabo Verde | Cape Verdean; Cabo Verdean | Praia | CVE |
KH | Cambodia | Kingdom of Cambodia; Kampuchea | Cambodian; Khmer | Phnom Penh | KHR |
CM | Cameroon | Republic of Cameroon; Cameroun | Cameroonian | Yaoundé | XAF |
CA | Canada | | Canadian | Ottawa | CAD |
CF | Central African Republic | Centrafrique | Centrafrican | Bangui | XAF |
TD | Chad | Republic of Chad; Tchad | Chadian | N'Djamena; Ndjamena; N’Djamena | XAF |
CL | Chile | Republic of Chile | Chilean | Santiago; Santiago de Chile | CLP |
CN | China | People's Republic of China; PRC; P.R.C.; Mainland China; PR China | Chinese; Sino- | Beijing; Peking | CNY |
CO | Colombia | Republic of Colombia | Colombian | Bogotá | COP |
KM | Comoros | Union of the Comoros; the Comoros | Comoran; Comorian | Moroni | KMF |
CG | Republic of the Congo | Republic of Congo; Congo Republic; Congo-Brazzaville; Congo Brazzaville | | Brazzaville | XAF |
CD | DR Congo | Democratic Republic of the Congo; Democratic Republic of Congo; DRC; D.R.C.; DR of Congo; DRCongo; Congo-Kinshasa; Congo Kinshasa; Congo; Zaire | Congolese | Kinshasa | CDF |
CR | Costa Rica | Republic of Costa Rica | Costa Rican | San José | CRC |
CI | Ivory Coast | Côte d'Ivoire; Cote d'Ivoire; Côte d’Ivoire; Cote d’Ivoire; Republic of Côte d'Ivoire | Ivorian; Ivoirian | Yamoussoukro; Abidjan | XOF |
HR | Croatia | Republic of Croatia; Hrvatska | Croatian; Croat | Zagreb | EUR |
CU | Cuba | Republic of Cuba | Cuban | Havana; La Habana | CUP |
CY | Cyprus | Republic of Cyprus | Cypriot; Cyprian | Nicosia | EUR |
CZ | Czech Republic | Czechia | Czech | Prague | CZK |
DK | Denmark | Kingdom of Denmark | Danish; Dane | Copenhagen | DKK |
DJ | Djibouti | Republic of Djibouti | Djiboutian | Djibouti City | DJF |
DM | Dominica | Commonwealth of Dominica | | Roseau | XCD |
DO | Dominican Republic | | Dominican | Santo Domingo | DOP |
TL | East Timor | Timor-Leste; Timor Leste; Democratic Republic of Timor-Leste | Timorese; East Timorese | Dili | USD |
EC | Ecuador | Republic of Ecuador | Ecuadorian; Ecuadorean | Quito | USD |
EG | Egypt | Arab Republic of Egypt | Egyptian | Cairo | EGP |
SV | El Salvador | Republic of El Salvador | Salvadoran; Salvadorean; Salvadorian | San Salvador | USD |
GQ | Equatorial Guinea | Republic of Equatorial Guinea | Equatorial Guinean; Equatoguinean | Malabo; Ciudad de la Paz | XAF |
ER | Eritrea | State of Eritrea | Eritrean | Asmara | ERN |
EE | Estonia | Republic of Estonia | Estonian | Tallinn | EUR |
SZ | Eswatini | Swaziland; Kingdom of Eswatini | Swazi; Eswatini | Mbabane; Lobamba | SZL |
ET | Ethiopia | Federal Democratic Republic of Ethiopia | Ethiopian | Addis Ababa | ETB |
FJ | Fiji | Republic of Fiji | Fijian | Suva | FJD |
FI | Finland | Republic of Finland; Suomi | Finnish; Finn | Helsinki | EUR |
FR | France | French Republic | French; Frenchman; Frenchmen; Frenchwoman; Frenchwomen; Franco- | Paris | EUR |
GA | Gabon | Gabonese Republic | Gabonese; Gabonais | Libreville | XAF |
GM | Gambia | The Gambia; the Gambia; Republic of The Gambia | Gambian | Banjul | GMD |
GE | Georgia | Sakartvelo | Georgian | Tbilisi | GEL |
DE | Germany | Federal Republic of Germany; Deutschland | German | Berlin | EUR |
GH | Ghana | Republic of Ghana | Ghanaian; Ghanian | Accra | GHS |
GR | Greece | Hellenic Republic; Hellas | Greek; Hellenic | Athens | EUR |
GD | Grenada | | Grenadian | St. George's; Saint George's; St George's; St. George’s | XCD |
GT | Guatemala | Republic of Guatemala | Guatemalan | Guatemala City | GTQ |
GN | Guinea | Republic of Guinea; Guinea-Conakry; Guinea Conakry | Guinean | Conakry | GNF |
GW | Guinea-Bissau | Guinea Bissau; Republic of Guinea-Bissau | Bissau-Guinean | Bissau | XOF |
GY | Guyana | Co-operative Republic of Guyana | Guyanese; Guyanan | Georgetown | GYD |
HT | Haiti | Republic of Haiti; Haïti | Haitian | Port-au-Prince | HTG |
VA | Vatican City | Holy See; the Holy See; Vatican; Vatican City State | Vatican; Papal | Vatican City | EUR |
HN | Honduras | Republic of Honduras | Honduran | Tegucigalpa | HNL |
HU | Hungary | Magyarország | Hungarian; Magyar | Budapest | HUF |
IS | Iceland | | Icelandic; Icelander | Reykjavík | ISK |
IN | India | Republic of India; Bharat | Indian; Indo- | New Delhi; Delhi | INR |
ID | Indonesia | Republic of Indonesia | Indonesian | Jakarta; Nusantara | IDR |
IR | Iran | Islamic Republic of Iran; Persia | Iranian; Persian | Tehran; Teheran | IRR |
IQ | Iraq | Republic of Iraq | Iraqi | Baghdad | IQD |
IE | Ireland | Republic of Ireland; Éire; Irish Republic | Irish; Irishman; Irishmen; Irishwoman | Dublin | EUR |
IL | Israel | State of Israel | Israeli | Jerusalem | ILS |
IT | Italy | Italian Republic; Italia | Italian; Italo- | Rome | EUR |
JM | Jamaica | | Jamaican | Kingston | JMD |
JP | Japan | Nippon; Nihon | Japanese | Tokyo | JPY |
JO | Jordan | Hashemite Kingdom of Jordan | Jordanian | Amman | JOD |
KZ | Kazakhstan | Republic of Kazakhstan; Kazakstan | Kazakh; Kazakhstani; Kazak | Astana; Nur-Sultan | KZT |
KE | Kenya | Republic of Kenya | Kenyan | Nairobi | KES |
KI | Kiribati | Republic of Kiribati | I-Kiribati; Kiribatian | South Tarawa; Tarawa | AUD |
KP | North Korea | Democratic People's Republic of Korea; DPRK; D.P.R.K.; DPR Korea | North Korean | Pyongyang | KPW |
KR | South Korea | Republic of Korea; ROK; RoK; R.O.K.; Korea | South Korean; Korean | Seoul | KRW |
XK | Kosovo | Republic of Kosovo; Kosova | Kosovar; Kosovan | Pristina; Prishtina; Priština | EUR |
KW | Kuwait | State of Kuwait | Kuwaiti | Kuwait City | KWD |
KG | Kyrgyzstan | Kyrgyz Republic; Kirghizia; Kirgizia | Kyrgyz; Kyrgyzstani; Kirghiz | Bishkek | KGS |
LA | Laos | Lao PDR; Lao People's Democratic Republic; Lao P.D.R. | Lao; Laotian | Vientiane | LAK |
LV | Latvia | Republic of Latvia | Latvian; Lett | Riga | EUR |
LB | Lebanon | Lebanese Republic | Lebanese | Beirut | LBP |
LS | Lesotho | Kingdom of Lesotho | Basotho; Mosotho; Lesothan | Maseru | LSL |
LR | Liberia | Republic of Liberia | Liberian | Monrovia | LRD |
LY | Libya | State of Libya | Libyan | Tripoli | LYD |
LI | Liechtenstein | Principality of Liechtenstein | Liechtensteiner | Vaduz | CHF |
LT | Lithuania | Republic of Lithuania | Lithuanian | Vilnius | EUR |
LU | Luxembourg | Grand Duchy of Luxembourg; Luxemburg | Luxembourgish; Luxembourger; Luxembourgian | Luxembourg City | EUR |
MG | Madagascar | Republic of Madagascar | Malagasy; Madagascan | Antananarivo | MGA |
MW | Malawi | Republic of Malawi | Malawian | Lilongwe | MWK |
MY | Malaysia | | Malaysian | Kuala Lumpur; Putrajaya | MYR |
MV | Maldives | the Maldives; Republic of Maldives | Maldivian | Malé | MVR |
ML | Mali | Republic of Mali | Malian | Bamako | XOF |
MT | Malta | Republic of Malta | Maltese | Valletta | EUR |
MH | Marshall Islands | Republic of the Marshall Islands | Marshallese | Majuro | USD |
MR | Mauritania | Islamic Republic of Mauritania | Mauritanian | Nouakchott | MRU |
MU | Mauritius | Republic of Mauritius | Mauritian | Port Louis | MUR |
MX | Mexico | United Mexican States; México | Mexican | Mexico City; Ciudad de México | MXN |
FM | Micronesia | Federated States of Micronesia; FSM | Micronesian | Palikir | USD |
MD | Moldova | Republic of Moldova | Moldovan; Moldavian | Chișinău; Chisinau; Kishinev; Chişinău | MDL |
MC | Monaco | Principality of Monaco | Monégasque; Monacan | Monaco-Ville | EUR |
MN | Mongolia | | Mongolian; Mongol | Ulaanbaatar; Ulan Bator | MNT |
ME | Montenegro | Crna Gora | Montenegrin | Podgorica | EUR |
MA | Morocco | Kingdom of Morocco | Moroccan | Rabat | MAD |
MZ | Mozambique | Republic of Mozambique | Mozambican | Maputo | MZN |
MM | Myanmar | Burma; Republic of the Union of Myanmar | Burmese; Myanmarese; Myanma | Naypyidaw; Nay Pyi Taw; Naypyitaw; Naypyitaw | MMK |
NA | Namibia | Republic of Namibia | Namibian | Windhoek | NAD |
NR | Nauru | Republic of Nauru | Nauruan | Yaren | AUD |
NP | Nepal | Federal Democratic Republic of Nepal | Nepali; Nepalese | Kathmandu | NPR |
NL | Netherlands | The Netherlands; Holland; Kingdom of the Netherlands | Dutch; Netherlandish; Dutchman; Dutchmen; Dutchwoman | Amsterdam | EUR |
NZ | New Zealand | Aotearoa; NZ | New Zealander; Kiwi | Wellington | NZD |
NI | Nicaragua | Republic of Nicaragua | Nicaraguan | Managua | NIO |
NE | Niger | Republic of Niger; Republic of the Niger | Nigerien | Niamey | XOF |
NG | Nigeria | Federal Republic of Nigeria | Nigerian | Abuja | NGN |
MK | North Macedonia | Republic of North Macedonia; Macedonia; FYROM; Former Yugoslav Republic of Macedonia | Macedonian; North Macedonian | Skopje | MKD |
NO | Norway | Kingdom of Norway; Norge | Norwegian | Oslo | NOK |
OM | Oman | Sultanate of Oman | Omani | Muscat | OMR |
PK | Pakistan | Islamic Republic of Pakistan | Pakistani | Islamabad | PKR |
PW | Palau | Republic of Palau; Belau | Palauan | Ngerulmud | USD |
PS | Palestine | State of Palestine; Palestinian Territories; Palestinian territories; Occupied Palestinian Territory | Palestinian | East Jerusalem; Ramallah | ILS |
PA | Panama | Republic of Panama; Panamá | Panamanian | Panama City | USD |
PG | Papua New Guinea | Independent State of Papua New Guinea; PNG | Papua New Guinean | Port Moresby | PGK |
PY | Paraguay | Republic of Paraguay | Paraguayan | Asunción | PYG |
PE | Peru | Republic of Peru; Perú | Peruvian | Lima | PEN |
PH | Philippines | the Philippines; Republic of the Philippines | Philippine; Filipino; Filipinos; Filipina; Filipinas | Manila | PHP |
PL | Poland | Republic of Poland; Polska | Polish; Pole | Warsaw | PLN |
PT | Portugal | Portuguese Republic | Portuguese; Luso- | Lisbon | EUR |
QA | Qatar | State of Qatar | Qatari | Doha | QAR |
RO | Romania | Rumania; Roumania | Romanian; Rumanian | Bucharest | RON |
RU | Russia | Russian Federation | Russian; Russo- | Moscow | RUB |
RW | Rwanda | Republic of Rwanda | Rwandan; Rwandese | Kigali | RWF |
KN | Saint Kitts and Nevis | St Kitts and Nevis; St. Kitts and Nevis; Saint Kitts; St Kitts; St. Kitts; Federation of Saint Christopher and Nevis | Kittitian; Nevisian | Basseterre | XCD |
LC | Saint Lucia | St Lucia; St. Lucia | Saint Lucian; St Lucian; St. Lucian | Castries | XCD |
VC | Saint Vincent and the Grenadines | St Vincent and the Grenadines; St. Vincent and the Grenadines; Saint Vincent; St Vincent; St. Vincent | Vincentian | Kingstown | XCD |
WS | Samoa | Independent State of Samoa; Western Samoa | Samoan | Apia | WST |
SM | San Marino | Republic of San Marino; Most Serene Republic of San Marino | Sammarinese | City of San Marino | EUR |
ST | São Tomé and Príncipe | São Tomé e Príncipe; São Tomé; Democratic Republic of São Tomé and Príncipe | Santomean; São Toméan | São Tomé City | STN |
SA | Saudi Arabia | Kingdom of Saudi Arabia; KSA | Saudi; Saudi Arabian | Riyadh | SAR |
SN | Senegal | Republic of Senegal | Senegalese | Dakar | XOF |
RS | Serbia | Republic of Serbia; Srbija | Serbian; Serb | Belgrade | RSD |
SC | Seychelles | the Seychelles; Republic of Seychelles | Seychellois | Victoria | SCR | capamb
SL | Sierra Leone | Republic of Sierra Leone | Sierra Leonean | Freetown | SLE |
SG | Singapore | Republic of Singapore | Singaporean | Singapore City | SGD |
SK | Slovakia | Slovak Republic | Slovak; Slovakian | Bratislava | EUR |
SI | Slovenia | Republic of Slovenia | Slovenian; Slovene | Ljubljana | EUR |
SB | Solomon Islands | the Solomon Islands; Solomons | Solomon Islander | Honiara | SBD |
SO | Somalia | Federal Republic of Somalia | Somali; Somalian | Mogadishu | SOS |
ZA | South Africa | Republic of South Africa; RSA | South African | Pretoria; Tshwane | ZAR |
SS | South Sudan | Republic of South Sudan | South Sudanese | Juba | SSP |
ES | Spain | Kingdom of Spain; España | Spanish; Spaniard | Madrid | EUR |
LK | Sri Lanka | Democratic Socialist Republic of Sri Lanka; Ceylon | Sri Lankan | Sri Jayawardenepura Kotte; Kotte; Colombo | LKR |
SD | Sudan | Republic of the Sudan; Republic of Sudan; the Sudan | Sudanese | Khartoum | SDG |
SR | Suriname | Surinam; Republic of Suriname | Surinamese; Surinamer | Paramaribo | SRD |
SE | Sweden | Kingdom of Sweden; Sverige | Swedish; Swede | Stockholm | SEK |
CH | Switzerland | Swiss Confederation; Confoederatio Helvetica | Swiss; Helvetic | Bern; Berne | CHF |
SY | Syria | Syrian Arab Republic | Syrian | Damascus | SYP |
TW | Taiwan | Republic of China; Chinese Taipei; ROC | Taiwanese | Taipei | TWD |
TJ | Tajikistan | Republic of Tajikistan; Tadjikistan | Tajik; Tajikistani; Tadjik | Dushanbe | TJS |
TZ | Tanzania | United Republic of Tanzania | Tanzanian | Dodoma; Dar es Salaam | TZS |
TH | Thailand | Kingdom of Thailand; Siam | Thai | Bangkok | THB |
TG | Togo | Togolese Republic | Togolese | Lomé | XOF |
TO | Tonga | Kingdom of Tonga | Tongan | Nukuʻalofa; Nuku'alofa; Nuku’alofa | TOP |
TT | Trinidad and Tobago | Trinidad & Tobago; T&T; Trinidad; Republic of Trinidad and Tobago | Trinidadian; Tobagonian; Trinbagonian | Port of Spain; Port-of-Spain | TTD |
TN | Tunisia | Republic of Tunisia | Tunisian | Tunis | TND |
TR | Turkey | Türkiye; Turkiye; Republic of Turkey; Republic of Türkiye | Turkish; Turk; Turco- | Ankara | TRY |
TM | Turkmenistan | | Turkmen; Turkmenistani; Turkoman | Ashgabat; Ashkhabad | TMT |
TV | Tuvalu | | Tuvaluan | Funafuti | AUD |
UG | Uganda | Republic of Uganda | Ugandan | Kampala | UGX |
UA | Ukraine | the Ukraine | Ukrainian | Kyiv; Kiev | UAH |
AE | United Arab Emirates | UAE; U.A.E.; the Emirates; Emirates | Emirati | Abu Dhabi | AED |
GB | United Kingdom | UK; U.K.; Britain; Great Britain; United Kingdom of Great Britain and Northern Ireland; Northern Ireland | British; Briton; Brit; Northern Irish; Anglo- | London | GBP |
US | United States | United States of America; US; U.S.; USA; U.S.A.; America | American; US; U.S. | Washington; Washington, D.C.; Washington D.C.; Washington, DC; Washington DC | USD |
UY | Uruguay | Oriental Republic of Uruguay | Uruguayan | Montevideo | UYU |
UZ | Uzbekistan | Republic of Uzbekistan | Uzbek; Uzbekistani | Tashkent | UZS |
VU | Vanuatu | Republic of Vanuatu | Ni-Vanuatu; Vanuatuan | Port Vila; Port-Vila | VUV |
VE | Venezuela | Bolivarian Republic of Venezuela | Venezuelan | Caracas | VES |
VN | Vietnam | Viet Nam; Socialist Republic of Vietnam; Socialist Republic of Viet Nam | Vietnamese | Hanoi; Ha Noi | VND |
YE | Yemen | Republic of Yemen | Yemeni; Yemenite | Sanaa; Sana'a; Sana’a | YER |
ZM | Zambia | Republic of Zambia | Zambian | Lusaka | ZMW |
ZW | Zimbabwe | Republic of Zimbabwe; Zim | Zimbabwean | Harare | ZWG |
"""

# Phrases that contain a country's name, adjective or capital but do not refer to it.
# Matching them first (longest match wins) keeps their parts from counting.
# Abbreviations several countries share: each means the one of the briefing's pair that has it
# ("SA" is South Africa in a South Africa-Zimbabwe brief, Saudi Arabia in a Saudi-Egypt one).
SHARED_ALIASES = {
    "South Africa": ["SA"],
    "Saudi Arabia": ["SA"],
    "Dominican Republic": ["DR"],
    "DR Congo": ["DR"],
}

NOT_MENTIONS = {
    "United States": [
        "Latin America",
        "Latin American",
        "Latin Americans",
        "South America",
        "South American",
        "South Americans",
        "North America",
        "North American",
        "North Americans",
        "Central America",
        "Central American",
        "Central Americans",
        "Pan-American",
        "Pan American",
        "Inter-American",
        "American Samoa",
        "Native American",
        "Native Americans",
        "Organization of American States",
        "Organisation of American States",
        "George Washington",
        # The currency is named after the country but says nothing about it.
        "US$",
        "U.S.$",
        "US dollar",
        "US dollars",
        "U.S. dollar",
        "U.S. dollars",
        "American dollar",
        "American dollars",
        "Washington State",
        "Washington state",
        "state of Washington",
        "State of Washington",
    ],
    "Georgia": [
        "Georgia, US",
        "Georgia, U.S.",
        "Georgia, USA",
        "Georgia, U.S.A.",
        "Georgia state",
        "Georgia State",
        "state of Georgia",
        "State of Georgia",
        "Atlanta, Georgia",
        "South Georgia",
        "Georgia (US state)",
        "Georgia (U.S. state)",
    ],
    "Mexico": ["New Mexico", "New Mexican", "New Mexicans"],
    "India": [
        "Indian Ocean",
        "American Indian",
        "American Indians",
        "West Indian",
        "West Indians",
        "East Indian",
        # "Indo-" is India before a hyphen ("Indo-Bangladesh trade"), but not in these
        "Indo-Pacific",
        "Indo-European",
        "Indo-Europeans",
        "Indo-Aryan",
        "Indo-Aryans",
        "Indo-Iranian",
        "Indo-Gangetic",
        "Indo-Greek",
        "Indo-Islamic",
        "Indo-Saracenic",
        "Indo-Chinese",
        "Indo-Caribbean",
        "Indo-Fijian",
        "Indo-Fijians",
        "Indo-Guyanese",
        "Indo-Trinidadian",
        "Indo-Trinidadians",
    ],
    "China": ["Indo-China"],
    "Guinea": ["New Guinea", "Gulf of Guinea", "Guinea pig"],
    "Niger": ["Niger Delta", "Niger River", "River Niger"],
    "DR Congo": ["Congo Basin", "Congo River", "River Congo"],
    "South Korea": ["Korean Peninsula", "Korean peninsula", "Korean War"],
    "Samoa": ["American Samoa"],
    "Iran": ["Persian Gulf"],
    "United Kingdom": [
        "British Columbia",
        "British Virgin Islands",
        "British Indian Ocean Territory",
        "British Overseas Territory",
        # "Anglo-" is the UK before a hyphen ("Anglo-Canadian talks"), but not in these
        "Anglo-Saxon",
        "Anglo-Saxons",
        "Anglo-Norman",
        "Anglo-Catholic",
        "Anglo-Indian",
        "Anglo-Indians",
        "Anglo-Celtic",
        "Anglo-Frisian",
    ],
    "France": ["French Guiana", "French Polynesia", "French Southern Territories"],
    # "U.S." followed by "S.R." would otherwise read as the United States.
    "Russia": ["U.S.S.R.", "USSR"],
    "Turkey": ["Turks and Caicos", "Turks and Caicos Islands"],
    "Poland": ["North Pole", "South Pole"],
    "Chile": ["Santiago de Cuba", "Santiago de Compostela", "Santiago de los Caballeros"],
    "Libya": ["Tripoli, Lebanon"],
}

# The government's fiscal year where it is not the calendar year: name -> (month, day it starts).
# Only calendars we are sure of; a country not listed gets null ("not recorded": most run January-December).
# "FY2021-22" means different months for different reporters, so periods read it from here.
FISCAL_YEAR_START = {
    # April-March
    "India": (4, 1),
    "Japan": (4, 1),
    "United Kingdom": (4, 1),
    "Canada": (4, 1),
    "Singapore": (4, 1),
    "South Africa": (4, 1),
    "Botswana": (4, 1),
    "Lesotho": (4, 1),
    "Eswatini": (4, 1),
    "Namibia": (4, 1),
    "Jamaica": (4, 1),
    "Barbados": (4, 1),
    "Belize": (4, 1),
    "Brunei": (4, 1),
    "Kuwait": (4, 1),
    # July-June
    "Australia": (7, 1),
    "New Zealand": (7, 1),
    "Egypt": (7, 1),
    "Kenya": (7, 1),
    "Tanzania": (7, 1),
    "Uganda": (7, 1),
    "Rwanda": (7, 1),
    "Pakistan": (7, 1),
    "Bangladesh": (7, 1),
    "Bhutan": (7, 1),
    "Bahamas": (7, 1),
    "Samoa": (7, 1),
    "Tonga": (7, 1),
    # Mid-July (1 Shrawan) and Hamle 1 in the Gregorian calendar
    "Nepal": (7, 16),
    "Ethiopia": (7, 8),
    # October-September (the US federal year)
    "United States": (10, 1),
    "Thailand": (10, 1),
    "Haiti": (10, 1),
    "Trinidad and Tobago": (10, 1),
    "Micronesia": (10, 1),
    "Marshall Islands": (10, 1),
    "Palau": (10, 1),
    # 1 Farvardin
    "Iran": (3, 21),
}

# Where one year names the fiscal year ("FY2023", "fiscal 2023"), most name it by the year it ends
# (India's FY24 is April 2023 to March 2024). These name it by the year it starts.
FISCAL_YEAR_NAMED_BY_START = {"Japan", "Singapore"}

# Accent-free variants that would be too ambiguous to generate.
NO_ASCII = {"Malé", "San José"}


def _split(field: str) -> list[str]:
    return [p.strip() for p in field.split(";") if p.strip()]


def _ascii(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _plural(word: str) -> str | None:
    """Regular plural of a demonym, or None where English has none ("Swiss", "Dutch")."""
    last = word.split()[-1].split("-")[-1]
    if not last[-1:].islower():
        return None
    if last.endswith(("ese", "sh", "ss", "tch", "nch", "z", "o", "men", "s", "x", "ais", "ois")):
        return None
    if last in {
        "Swiss",
        "Papal",
        "Hellenic",
        "Helvetic",
        "Vatican",
        "Eswatini",
        "Lao",
        "Myanma",
        "Philippine",
        "Kiribati",
        "Magyar",
        "Centrafrican",
        "Netherlandish",
        "Motswana",
        "Batswana",
        "Mosotho",
        "Basotho",
        "Ni-Vanuatu",
        "Turkoman",
    }:
        return None
    if last.endswith(("ic", "y")):
        return None
    return word + "s"


def _with_variants(items: list[str], *, ascii_too: bool = True) -> list[str]:
    out: list[str] = []
    for item in items:
        for v in (
            item,
            _ascii(item) if ascii_too and item not in NO_ASCII else item,
            item.replace("’", "'"),
            item.replace("'", "’"),
        ):
            if v not in out:
                out.append(v)
    return out


def build() -> list[dict]:
    import pycountry  # generator-only dependency

    rows = []
    lines = TABLE.strip().splitlines()
    # Names written by hand anywhere in the table; ISO names may not take them over
    # (ISO's "Congo" is the Republic, the table gives plain "Congo" to the DRC).
    claimed = {n for ln in lines for f in ln.split("|")[1:3] for n in _split(f)}
    for line in lines:
        iso2, name, aliases, adjectives, capitals, currency, flags = (f.strip() for f in line.split("|"))
        rec = pycountry.countries.get(alpha_2=iso2)
        aliases_l = _split(aliases)
        if rec is not None:
            for attr in ("name", "official_name", "common_name"):
                val = getattr(rec, attr, None)
                if not val or "," in val or "(" in val:
                    continue
                val = val.removeprefix("the ").strip()
                if val != name and val not in aliases_l and val not in claimed:
                    aliases_l.append(val)
        adjs = _split(adjectives)
        demonyms = [p for p in (_plural(a) for a in adjs) if p and p not in adjs]
        caps = _split(capitals)
        if pycountry.currencies.get(alpha_3=currency) is None:
            sys.exit(f"{name}: unknown currency {currency}")
        # "the Gambia" is matched through "Gambia"; canonical() drops a leading "the".
        aliases_l = [a for a in aliases_l if not a.lower().startswith("the ")]
        aliases_v = [a for a in _with_variants(aliases_l) if a != name]
        if _ascii(name) != name and _ascii(name) not in aliases_v:
            aliases_v.insert(0, _ascii(name))
        rows.append(
            {
                "name": name,
                "iso2": iso2,
                "iso3": rec.alpha_3 if rec else ("XKX" if iso2 == "XK" else None),
                "aliases": aliases_v,
                "adjectives": _with_variants(adjs + demonyms),
                "capital": caps[0],
                "capital_aliases": [c for c in _with_variants(caps) if c != caps[0]],
                "capital_ambiguous": "capamb" in flags,
                "currency": currency,
                "not_mentions": NOT_MENTIONS.get(name, []),
                "fiscal_year_start": FISCAL_YEAR_START.get(name, (None, None))[0],
                "fiscal_year_start_day": FISCAL_YEAR_START.get(name, (None, None))[1],
                "fiscal_year_named_by": (
                    ("start" if name in FISCAL_YEAR_NAMED_BY_START else "end") if name in FISCAL_YEAR_START else None
                ),
                **({"shared_aliases": SHARED_ALIASES[name]} if name in SHARED_ALIASES else {}),
            }
        )
    names = [r["name"] for r in rows]
    unknown = (set(NOT_MENTIONS) | set(FISCAL_YEAR_START) | set(SHARED_ALIASES) | FISCAL_YEAR_NAMED_BY_START) - set(
        names
    )
    if unknown or len(set(names)) != len(names):
        sys.exit(f"bad table: {unknown or 'duplicate names'}")
    return sorted(rows, key=lambda r: r["name"])


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "briefing" / "data" / "countries.json"
    rows = build()
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} countries -> {out}")


if __name__ == "__main__":
    main()
