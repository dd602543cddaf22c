"""The words grant news is written with: granting, not granting, and pointing back."""

import re

from nlp.names import DEFINITE_NOUN

GRANT = re.compile(
    r"\b(støtte\w*|støtta|tildel\w*|innvilg\w*|bevilg\w*|løyv\w*|"
    r"(?:går|gjekk|gikk)\s+(?:\w+\s+){0,2}?inn\s+med|satt av|sett av|avsatt|finansier\w*|"
    r"midler|midlar|gåve\w*|gave(?:r|n|ne)?|tilsagn\w*|tilsegn\w*|stønad\w*|del(?:er|te|t)\s+ut|"
    r"får|fikk|fått|fekk|(?:vil|skal|kommer\s+til\s+å)\s+få|gitt|gir|gav|ga|gjev|gjeve|å\s+gi|"
    r"mottar|mottok|mottatt|mottek|motteke|sikret|sikra|lov(?:er|ar|et|a|te|de)|"
    r"(?:går|gikk|gjekk)\s+til|(?:går|gikk|gjekk|kommer|kjem|kom)\s+(?:det\s+)?(?=\d)|"
    r"went\s+to|"
    r"(?:tatt|teke|teken|tekne|tar|tek|tok)\s+(?:\S+\s+){0,4}?opp\s+i|"
    r"(?:la|lagt|legg|legger|leggje)\s+(?:\S+\s+){0,5}?på\s+bordet|gled\w*\s+seg\s+over|"
    r"(?:sagt|sier|seier|sa)\s+ja|"
    r"grant\w*|funding|fund(?:s|ed)|award\w*|receiv\w*|allocat\w*|provide[sd]?|contribut\w*|"
    r"commit(?:s|ted)|"
    r"support(?:s|ed))\b"
    # A compound of a grant noun: "innovasjonstilskudd", "driftsstøtte", "driftsstønad".
    r"|\w*(?:tilskudd|tilskot|støtte|støtta|stønad)\w*",
    re.IGNORECASE,
)
# "Dersom søknaden blir innvilga, får klynga …": money promised on a condition before it.
CONDITION = re.compile(r"\b(?:dersom|hvis|viss|if)\b", re.IGNORECASE)
# "Viken fylkeskommune bidrar (i tillegg) med …", "Siva har investert …" are grants when a
# funding body says it; partners and companies "bidrar med" or invest their own money.
CONTRIBUTES = re.compile(
    r"\b(?:(?:bidr(?:ar|eg|o|og|ok|att|ege)|still(?:er|te|t))\s+(?:\w+\s+){0,2}?med|"
    r"investert|investerer|investerte|added|adds|(?:følger|fulgte|følgde|fylgde)\s+opp\s+med|"
    # "… inngjekk ein avtale med klynga om 500 000 kroner årleg"
    r"avtale\s+(?:\S+\s+){0,3}?om|"
    # "Forskningsrådets bidrag til prosjektet er 12 MNOK", "Forskningsrådets andel er …"
    r"(?:bidrag|andel|part|share)\s+(?:\S+\s+){0,3}?(?:er|utgjør|utgjer|blir|is))"
    r"\s+(?:om\s+lag\s+|rundt\s+)?$",
    re.IGNORECASE,
)
# Councils, ministries and foundations grant money too: "Nordland fylkeskommune har løyvd …",
# "Kommunal- og distriktsdepartementet har gitt …", "Sparebankstiftinga Valdres gjev …".
GRANTING_BODY = re.compile(
    r"\b(?:fylkeskommun[ea]|kommun[ea]|herad|regionråd(?:et)?|lokalstyre)$|departement(?:et)?$|"
    r"fond$|"
    r"\b(?:county\s+council|municipality|ministry)\b|"
    r"(?:stiftelsen|stiftelse|stiftinga|fondet)\b",
    re.IGNORECASE,
)
# "… 300 000 kroner i tilskot frå Sogn regionråd": who the money comes from.
FROM = re.compile(r"\b(?:fra|frå)\s+$", re.IGNORECASE)
# "… 12 MNOK til Agder Karbonverk AS", "… kroner frå programmet FORREGION til Vestland
# fylkeskommune", "Den største gåva, 600 000 kroner, går til X": the recipient follows the
# amount.
TO = re.compile(r",?\s+(?:[^\s,.;:]+\s+){0,4}?(?:til|to)\s+")
# "Til Ørsta Sensorikk AS, som er medlem i Y, går 950 000 kroner": the recipient opens the
# sentence.
TO_OPENING = re.compile(r"(?:Til|To)\s+(?P<cluster>(?:klyngen|klynga|the\s+cluster)\b)?")
# "Askøy Sonar AS får 4 millioner kroner": the recipient opens the clause of its amount.
SUBJECT_BEFORE = re.compile(r"\s+(?:[\wæøå]+\s+){0,4}$")
# "… og ytterligere 150 000 kroner kommer fra Kristiansund kommune": this amount's funder.
FROM_AFTER = re.compile(r"[^,.;:–]{0,40}?\b(?:fra|frå|from)\s+$", re.IGNORECASE)
# "… til klynga", "… til klyngens arbeid", "… til klyngedrifta": the document's cluster.
TO_CLUSTER = re.compile(
    r"\s+til\s+(?:klynge(?!ne\b|ane\b|r\b)\w+|klyng(?:en|a)s?|nettverket)\b", re.IGNORECASE
)
# "… 3,1 millioner kroner til tre forprosjekter", "… i tilskudd til tre av medlemsbedriftene",
# "… gjekk til klynger og næringsnettverk": a sum shared by several, no one grant.
SHARED = re.compile(
    r"\s+(?:[^\s,.;:]+\s+){0,2}?til\s+(?:"
    r"(?:\d+|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|\w+ti|flere|fleire)"
    r"\s+(?:\w+\s+)?\w*(?:prosjekt|bedrift|selskap|klynge|verksemd|søk)\w*|"
    r"\w*(?:klynger|bedrifter|verksemder|selskaper|prosjekter))\b",
    re.IGNORECASE,
)
# "… er tildelt mellom 1,2 og 1,6 millioner kroner", "har sagt ja til å dekkje mellom …",
# "Tilsagnet fra Innovasjon Norge ligger på mellom 1,5 og 2 millioner kroner årlig", "Der får
# vi mellom 1,5 og 2 millioner kroner i året", "Innovation Norway supports the cluster with NOK
# 1.5–2 million per year": a range stated as granted.
GRANTED = re.compile(
    r"\b(?:(?:tildelt|innvilget|innvilga|bevilget|bevilga|løyvd|løyvt|fått|gitt|gjeve|awarded|"
    r"granted|tilsagn\s+om|tilsegn\s+om|(?:sagt|sa)\s+ja\s+til|"
    r"(?:får|fekk|fikk)\s+vi|vi\s+(?:får|fekk|fikk))\s+(?:\w+\s+){0,3}|"
    r"(?:Tilsagnet|Tilsegnet)\s+(?:\w+\s+){0,5}|"
    r"(?:støtter|støttar|supports)\s+(?:\S+\s+){0,4}(?:med|with)\s+)$",
    re.IGNORECASE,
)
# "… kvart prosjekt kan få inntil 750 000 kroner": what one may get is no grant.
# An approximate sum is a yearly budget or a sum of many grants, not one grant: "deler ut
# rundt 80 millioner kroner i året", "have secured more than NOK 60 million".
APPROXIMATE = re.compile(
    r"\b(?:rundt|omkring|om\s+lag|cirka|ca\.|omtrent|nærmere|nærare|drøyt|drygt|(?<!seg )over|"
    r"mer\s+enn|meir\s+enn|more\s+than|around|about|approximately|nearly|almost|"
    # "… ble lavere enn de NOK 7,5 mill. partnerne søkte om": a sum compared with.
    r"(?:enn|than)\s+(?:de|dei|det|the))\s+$",
    re.IGNORECASE,
)
MAY_GET = re.compile(
    r"\b(?:kan|kunne|can|may)\s+(?!glede\s+seg\s+over)(?:\w+\s+){1,3}$", re.IGNORECASE
)
# Budgets, totals, sums set aside and rules for every cluster state money without a
# particular recipient.
# Where a clause ends after its amount: ", mens …", "; …".
CLAUSE_END = re.compile(r",\s+(?:mens|men|medan|while|whereas)\b|;")
NO_RECIPIENT = re.compile(
    r"\b(ramme\w*|finansieringsramme\w*|budsjett\w*|totalt|til sammen|til saman|samlet|samla|"
    r"i alt|hver klynge|satt av|sett av|avsatt|"
    r"hvert prosjekt|kvar klynge|kvart prosjekt|budget\w*|total)\b",
    re.IGNORECASE,
)
# "… får gåver på til saman 4,6 millionar kroner", "Sum innvilget: kr 2 200 000", "Sum
# tilskudd og gaver 2024: kr 5 420 000": a total.
TOTAL = re.compile(
    r"\b(?:til\s+sammen|til\s+saman|totalt|i\s+alt|samlet|samla|in\s+total|"
    r"sum\s+(?:innvilg|tildel|bevilg|løyv|tilsagn|tilsegn|tilsku|tilskot|støtte|gave|gåve)\S*)"
    r"\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
# Calls for applications and state budgets name money no one has been granted yet, nor do
# refused, hoped-for, proposed ("Kommunedirektøren rår til at …") or promised ("har lova å
# leggje …") grants; what grants "normally" are is no grant either, nor what a cluster "henta
# inn" over the years.
NOT_GRANT = re.compile(
    r"\b(utlys\w*|lys(?:er|te|t)\s+(?:\w+\s+){0,2}?ut|søknadsfrist\w*|statsbudsjett\w*|"
    r"normalt|vanligvis|vanlegvis|typisk|avslag|avslått|emisjon\w*|"
    # "… går inn med 6 millioner kroner i X AS og blir største eier med 34 prosent av aksjene"
    r"aksjene|aksjane|aksjer|aksjar|eierandel\w*|eigarandel\w*|"
    r"lov(?:a|et|er|ar|te|de)\s+(?:å|at)|"
    r"hent(?:et|a|er|ar)\s+inn\s+(?:\S+\s+){0,2}?(?:\d|kroner|kronar|midler|midlar|penger|pengar)|"
    r"rår\s+til|tilrår|anbefaler|foreslår|foreslo|forslag\w*|innstiller|recommends?)\b",
    re.IGNORECASE,
)
# Turnover, contracts, share issues, investments, wages, fees, budgets, costs, loans, own
# contributions and sums applied for next to a grant word are still no grant: "fekk ein
# kontrakt på 480 millionar", "5 millioner av egne midler", "et SkatteFUNN-prosjekt med et
# budsjett på 3,4 millioner", "Sykkylven kommune (omsøkt): 600 000 kroner"; nor is money
# another body administers ("24 millionar kroner forvalta av Innovasjon Noreg").
NOT_GRANT_BEFORE = re.compile(
    r"\b(?:omsatte|omsette|\w*omsetning\w*|\w*omsetnad\w*|\w*kontrakt\w*|emisjon\w*|"
    r"\w*investering(?!s?(?:tilskudd|tilskot|støtte))\w*|lønn\w*|løn|løna|\w*kontingent\w*|"
    r"\w*budsjett|\w*kostnad\w*|anslått|anslag\w*|estimert|estimated|fordelt\s+med|"
    r"\w*beregnet|\w*berekna|kalkulert|"
    r"søk(?:e|er|t|te|je|jer|nad(?:en|a|er|ar|sbeløp\w*|ssum\w*)?)|"
    r"omsøkt\w*|appl(?:y|ied|ies)|\w*lån\w*|loan\w*|revenue\w*|turnover|loss|backlog|"
    r"ei?gen(?:innsats|andel|del|finansiering)\w*|own\s+contribution\w*|medfinansiering\w*|"
    r"sk(?:yt|øyt|aut)\w*\s+inn|fees?|\w*avgift\w*|"
    r"(?:selv|sjølv)\s+(?:sett|satt|lagt|skutt|investert|bidratt|bidrege)|"
    r"\w*inntekt\w*|placement|valuation|(?:sal|salg|sales?)\s+(?:av|of)(?:\s+\S+){0,3})"
    r"[):]*\s+(?:\S+\s+){0,3}\(?$",
    re.IGNORECASE,
)
NOT_GRANT_AFTER = re.compile(
    r"\s+(?:i\s+(?:en\s+|ei\s+|ein\s+|ny\s+|nye\s+)?(?:emisjon\w*|omsetning|omsetnad|lønn|løn|"
    r"ei?genkapital)|in\s+(?:new\s+)?equity|"
    r"(?:av|i)\s+(?:egne|eigne)\s+(?:midler|midlar|penger|pengar)|(?:\w+\s+)?forvalt\w*|"
    r"per\s+(?:person|deltaker|deltakar|participant)|til\s+(?:fordeling|utdeling|disposisjon)|"
    # "… slik at kr 970 000 står ubrukt"
    r"(?:står|er|blir|vert)\s+(?:\w+\s+)?(?:ubrukt|ubrukte|udisponert|unused))\b",
    re.IGNORECASE,
)
# "Sunnfjord kommune og Stad kommune har kvar løyvd 150 000 kroner": one grant per body.
EACH = re.compile(r"\b(?:hver|kvar)\b", re.IGNORECASE)
# What stands between the names of a list: "X AS, Y AS og Z AS".
NAME_LIST = re.compile(r"\s*,\s*|\s+(?:og|and)\s+|\s*,\s+(?:og|and)\s+")
# "Levanger kommune og Verdal kommune stiller med 75 000 kroner hver": the same.
EACH_AFTER = re.compile(r"\s+(?:hver|kvar|each)\b", re.IGNORECASE)
# "… med henholdsvis 18 millioner og 7 millioner kroner": amounts in the recipients' order.
RESPECTIVELY = re.compile(r"\b(?:henholdsvis|høvesvis)\b", re.IGNORECASE)
# "Pengene går til X og Y", "Midlane kjem frå Innovasjon Noreg": the next sentence names
# who gets or gives the money.
_THE_MONEY = (
    r"(?:Pengene|Pengane|Midlene|Midlane|Støtten|Støtta|Tilskuddet|Tilskotet|Beløpet|"
    r"Tilsagnet|Tilsegnet|Bevilgningen|Løyvinga|Løyvingen)"
)
MONEY_NEXT = re.compile(
    rf"\s*{_THE_MONEY}\s+(?:\w+\s+){{0,2}}?(?:kommer|kjem|går|gjeld|gjelder)\s+"
    r"(?P<way>fra|frå|til)\b"
)
# "Støtten er gitt som et Innovasjonsprosjekt i næringslivet", "Begge prosjektene er …": a
# sentence about the grant or project before it, which may name its programme.
GRANT_BACK = re.compile(
    rf"(?:{_THE_MONEY}|Prosjekt(?:et|ene|a)|Begge\s+prosjekt\w*|The\s+(?:grant|project))\b"
)
# "… grunnlaget for ein søknad om Arena-status", "Klynga vil søkje om å bli teken opp i
# Arena-programmet": a programme applied for is not the one that gave.
APPLIED_FOR = re.compile(
    r"\b(?:søk(?:e|je|er|jer|te|nad\w*)|apply\w*|applied|application\w*|med\s+sikte\s+på|"
    r"aiming\s+(?:at|for))\b[^.!?]{0,40}$",
    re.IGNORECASE,
)
# "… om Arena-status er innvilget": the application was granted.
APPLICATION_GRANTED = re.compile(
    r"[\w-]*\s+(?:er|ble|blei|vart|vert|has\s+been|was)\s+(?:\w+\s+)?"
    r"(?:innvilg\w*|godkjen\w*|granted|approved)\b",
    re.IGNORECASE,
)
# Words that say money was granted: "innvilget", "tildelte", "løyvd", "awarded".
_GRANTED = r"innvilg\w*|tildel\w*|bevilg\w*|løyv\w*|granted|awarded"
# "X søkte Kragerø kommune om 900 000 kroner. Kommunestyret innvilget 400 000 kroner": a grant
# naming no recipient after an application is the applicant's.
APPLIED = re.compile(
    r"\b(?:søk(?:t|te|er|jer)|applied|applies|ba\s+om|bad\s+om|asked\s+for)\b", re.IGNORECASE
)
# What turns a sum applied for into a grant: "søkte om 900 000 kroner og fekk 400 000 kroner".
GOT = re.compile(
    rf"\b(?:fått|fikk|fekk|får|{_GRANTED}|gitt|gjeve|gav|ga|received|got)\b", re.IGNORECASE
)
# "I år er beløpet 350 000 kroner", "Det betyr 1,5 mill. kroner per år": the sentence before
# states the grant.
AMOUNT_BACK = re.compile(
    r"\b(?:beløpet|summen|det\s+(?:betyr|innebærer|inneber|utgjør|utgjer))\b", re.IGNORECASE
)
# "Fylkeskommunen gir …", "Formannskapet bevilget …", "Fra kommunens næringsfond …" point back
# at the council named before.
_COUNCIL = (
    r"\b(?:(?P<county>fylkeskommun(?:en|a)s?|fylket|fylkestinget|fylkesutval(?:g)?et)|"
    r"kommunestyret|formannskapet|bystyret|heradsstyret|kommun(?:en|a)s?|kommunale)"
)
COUNCIL_BACK = re.compile(_COUNCIL + r"\b", re.IGNORECASE)
# "… Telemark fylkeskommune og Vinje kommune, fylket med 700 000 kroner og kommunen med
# 300 000 kroner": the council of that kind named in the sentence gives the amount.
COUNCIL_GIVES = re.compile(_COUNCIL + r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# The words that point back at a company or a cluster named before.
_THE_COMPANY = r"selskapet|bedriften|bedrifta|firmaet|verksemda|virksomheten"
_THE_CLUSTER = r"klyngen|klynga|nettverket"
# "Selskapet fekk …", "Klyngen har fått …", "Prosjektet er finansiert …": the sentence's
# subject was named before; "Tidligere har selskapet fått …" too, when nothing else is named.
COMPANY_BACK = re.compile(rf"(?:{_THE_COMPANY}|The\s+company)\b", re.IGNORECASE)
# "Gartneriet får …": a definite noun opening a sentence, which may name a company by a word
# of its name.
NOUN_BACK = re.compile(r"(?P<stem>[A-ZÆØÅ][a-zæøå]{3,}?)(?:et|en|a)\b")
# "Båten er finansiert med banklån og 2 millioner kroner i tilskudd": what a company named
# before in the paragraph bought or built.
THING_FINANCED = re.compile(
    rf"{DEFINITE_NOUN}\s+(?:(?:er|blir|vert|vart|ble|blei)\s+(?:\w+\s+)?finansiert|finansieres)\b"
)
CLUSTER_BACK = re.compile(rf"(?:{_THE_CLUSTER}|Samme\s+klynge|Same\s+klynge)\b", re.IGNORECASE)
# "I fjor fekk klynga 1,5 millionar kroner …": the cluster got it, whatever it is for.
CLUSTER_GOT = re.compile(
    rf"\b(?:fekk|fikk|får|fått|mottok|mottek)\s+(?:{_THE_CLUSTER})\b", re.IGNORECASE
)
# "Farsund kommune har gitt klyngen 75 000 kroner", "Fylket har lovet bedriften …": the
# cluster or company named before gets it.
GIVEN_BACK = re.compile(
    r"\b(?:gitt|gir|gav|ga|gjev|gjeve|løyv\w*|bevilg\w*|tildel\w*|innvilg\w*|"
    rf"lov(?:er|ar|et|a|te|de))\s+(?:{_THE_CLUSTER}|{_THE_COMPANY})\b",
    re.IGNORECASE,
)
# "Der er Tyssedal Smelteteknikk AS motoren. Dei fekk i fjor 7 millionar …": the company
# named before in the paragraph.
THEY_BACK = re.compile(
    r"(?:Dei|De|Den|They|It)\s+(?:har\s+|hadde\s+|have\s+|has\s+)?(?:\w+\s+)?"
    r"(?:fekk|fikk|fått|got|received)\b"
)
# "Forskingsrådet gav oss …", "I tillegg fekk vi …": the speaker's organisation got it, which
# is the document's subject, not another organisation the sentence names.
US = re.compile(
    r"\b(?:gav|ga|gjev|gjeve|gitt|gir|gave|gives|given|løyvd|løyvde|bevilget|bevilga|tildelt|"
    r"tildelte|awarded|granted)\s+(?:oss|us)\b|"
    r"\b(?:vi|we)\s+(?:har\s+|have\s+|hadde\s+|had\s+)?(?:\w+\s+)?(?:fått|fekk|fikk|får|got|"
    r"get|receive|received)\b|\b(?:fått|fekk|fikk|får)\s+vi\b",
    re.IGNORECASE,
)
PROJECT_BACK = re.compile(r"(?:Prosjektet)\b")
# "Prosjektet … ledes av Sunnmøre Fisk AS": a project's grant is its leader's.
LED_BY = re.compile(
    r"\b(?:(?:ledes|ledet|leies|leia|leiast|leidd)\s+av|led\s+by)\s+"
    r"(?:(?:vårt|vår|our)\s+(?:medlem|member)\s+)?$",
    re.IGNORECASE,
)
# "… til forprosjektet, med Ulstein kommune som prosjekteigar", "Orkdal Fiber AS er
# prosjekteier": so is its owner's.
OWNS_IT = re.compile(
    r"\s+(?:som|er|is)\s+(?:prosjekt(?:eier|eigar|ansvarlig|ansvarleg|leder|leiar)|søker|søkjar|"
    r"(?:the\s+)?project\s+(?:owner|lead))\b",
    re.IGNORECASE,
)
# The name a sentence opens with, after "Selskapet", "Klyngen" or the like.
OPENER = re.compile(
    r"(?:(?:Selskapet|Bedriften|Bedrifta|Firmaet|Verksemda|Virksomheten|Klyngen|Klynga|"
    r"Nettverket|The\s+company|The\s+cluster)\s+)?"
)
# What may stand between that name and its verb: a place ("i Oslo") and a clause between
# commas ("X, som er medlem av Y, har fått …", "X, a member of Y, has been awarded …").
_AFTER_SUBJECT = r"(?:\s+(?:i|på|fra|frå|ved|in|from)\s+\w+)?(?:\s*,[^,.;:]{1,80},)?\s+"
_AUXILIARY = r"(?:(?:har|hadde|has|had|have)\s+)?"
# The subject gets the money: "X har fått …", "X er tildelt …", "X has been awarded …".
RECEIVES = re.compile(
    _AFTER_SUBJECT + _AUXILIARY + r"(?:\w+\s+){0,2}?"
    r"(?:får|fikk|fått|fekk|(?:vil|skal)\s+få|mottar|mottok|mottatt|mottek|motteke|sikret|sikra|"
    r"(?:er|ble|blei|vart|vert|blir)\s+(?:tildelt|innvilget|innvilga|bevilget|løyvd)|"
    r"been\s+(?:awarded|granted|allocated)|was\s+(?:awarded|granted)|received|receives)\b",
    re.IGNORECASE,
)
# The subject gives it: "X har i år gitt …", "X løyvde …", "X has awarded …"; not "X er
# tildelt …" nor "X har fått tildelt …".
GIVES = re.compile(
    _AFTER_SUBJECT
    + _AUXILIARY
    + r"(?:(?!(?:er|ble|blei|vart|vert|blir|fått|fekk|fikk|been|was|is)\b)\w+\s+){0,2}?"
    r"(?:gitt|gjeve|gir|gjev|gav|ga|bevilg(?:et|a|er)|løyv(?:d|de|t|er)|tildel(?:t|te|er)|"
    r"innvilg(?:et|a|er)|del(?:er|te)\s+ut|awarded|granted|gives|gave)\b",
    re.IGNORECASE,
)
# "… til selskapet", "Det største prosjektet leier X AS. Forskingsrådet løyvde 7,5 millionar
# kroner til det i vår": the company named before.
TO_COMPANY = re.compile(
    rf"\s+til\s+(?:{_THE_COMPANY}|inkubatoren|"
    r"næringshagen|det(?:te)?(?=[ \t]+(?:i|på|og|med|for|fra|frå)\b|[.,;]))\b",
    re.IGNORECASE,
)
# "… til det samme prosjektet": the company or cluster named before.
TO_PROJECT = re.compile(r"\s+til\s+(?:det\s+)?(?:samme|same)\s+prosjekt(?:et)?\b", re.IGNORECASE)
# "… ledes av Rana AS, som har fått midlene": a recipient named after the grant.
GOT_IT = re.compile(
    r"\s*,\s*som\s+(?:har\s+)?(?:fått|fekk|fikk)\s+(?:midlene|midlane|pengene|pengane|"
    r"støtten|støtta|tilskuddet|tilskotet)\b",
    re.IGNORECASE,
)
ITEM_LINE = re.compile(r"[^\n]+")
# Where a list's introduction ends: a colon ending its line.
INTRO_END = re.compile(r":[ \t]*(?:\n|$)")
# The end of a list item's first sentence: "• X – 2,5 MNOK fra Y. Prosjektet har …".
ITEM_SENTENCE_END = re.compile(r"(?<=[.!?])[»”\"]?\s+(?=[A-ZÆØÅ])")
# A header field naming who a project page's grants go to: "Prosjektansvarlig: X AS",
# "Prosjektleder: Stein Aasheim, Bergstad Betong AS".
_LEADER_LABEL = r"Prosjektleder|Prosjektleiar|Project\s+lead"
OWNER = re.compile(
    r"^[ \t]*(?:Prosjektansvarlig|Prosjektansvarleg|Prosjekteier|Prosjekteigar|Søker|Søkjar|"
    rf"(?:Tilskudds|Tilskots)?mottak[ea]r|Recipient|Project\s+owner|{_LEADER_LABEL})"
    r"[ \t]*:[^\n]*",
    re.MULTILINE | re.IGNORECASE,
)
LEADER_FIELD = re.compile(rf"[ \t]*(?:{_LEADER_LABEL})", re.IGNORECASE)
# A header field naming the programme: "Program: Brukerstyrt innovasjonsarena (BIA)".
PROGRAMME_FIELD = re.compile(
    r"^[ \t]*(?:Program|Programme|Programmet|Ordning|Støtteordning|Virkemiddel)[ \t]*:[^\n]*",
    re.IGNORECASE | re.MULTILINE,
)
# A header field naming who gives them: "Tilskuddsgiver: Innovasjon Norge".
GIVER = re.compile(
    r"^[ \t]*(?:Tilskuddsgiver|Tilskotsgjevar|Finansiør|Bevilget\s+av|Løyvd\s+av|Funder|"
    r"Funded\s+by)[ \t]*:[^\n]*",
    re.MULTILINE | re.IGNORECASE,
)
# The end of a document's lead: the first paragraph that ends a sentence.
LEAD_END = re.compile(r"[.!?][»”\"]?[ \t]*(?:\n[ \t]*\n|\Z)")
# A finite verb makes an item a sentence: "• Stavanger kommune har tildelt X 600 000 kroner",
# "• Telemark fylkeskommune støtter X med kr 600 000".
FINITE = re.compile(
    r"\b(?:har|hadde|er|var|ble|blei|vart|får|fikk|fekk|gir|gav|ga|gjev|has|have|was|is|"
    r"støtter|støttet|støtta|støttar|tildeler|tildelte|innvilger|innvilget|innvilga|innvilgar|"
    r"bevilger|bevilget|bevilga|løyver|løyvde|søker|søkte|søkjer|mottar|mottok|"
    r"grants|granted|awarded|supports|supported)\b",
    re.IGNORECASE,
)
# The mark of a list item: "- ", "• ", "👉 ", "1. ", "2) ".
MARK = r"(?:[^\w\s«»\"'(\[]|\d+[.)])"
# What an item of a list may open with before its name.
BULLET = re.compile(rf"\s*{MARK}?\s*")
# A letter's addressee, on the line above "v/ dagleg leiar …" or "Att.: …".
ADDRESSEE = re.compile(
    r"^(?P<name>[^\n]+)\n[ \t]*(?:v/|c/o|att\.?:?|attn\.?:?)[ \t]", re.MULTILINE | re.IGNORECASE
)
# What a row of grants may open with before the body giving it: "Tilskot frå Kristiansund
# kommune (gjeve 12.06.2024)   kr 120 000".
ROW_LEAD = re.compile(
    rf"\s*{MARK}?\s*(?:(?:tilskot|tilskudd|tilsagn|tilsegn|støtte|gave|gåve)\s+(?:frå|fra)\s+)?",
    re.IGNORECASE,
)
# A line opening a list item or a header field ("Prosjektleder: Kari Holm, X AS"), which
# starts a sentence of its own.
ITEM_START = re.compile(rf"[ \t]*(?:{MARK}[ \t]|[A-ZÆØÅ][^\n:.!?]{{0,30}}:[ \t]+\S)")
# A heading: a short line that ends no sentence ("Kvalifiseringsprosjekt til Tau").
HEADING = re.compile(r"[ \t]*[^\n]{1,60}[^\W\d_][ \t]*")
# Gifts, which banks and foundations give: "SpareBank 1 SMN – gavemidler".
GIFT = re.compile(r"\b(?:gave\w*|gåve\w*|gift|gifts|donation\w*)\b", re.IGNORECASE)
# A table's cells, apart by "|" or tabs, and a rule under its header ("----+----").
CELL_SEPARATOR = re.compile(r"[ \t]*(?:\||\t)[ \t]*")
# Columns aligned by spaces: two or more apart the cells.
ALIGNED = re.compile(r" {2,}")
TABLE_RULE = re.compile(r"[ \t|+=:-]+")
# Every line, blank ones too: a blank line ends a table.
TABLE_LINE = re.compile(r"^[^\n]*$", re.MULTILINE)
# The header of a table's column of grants, and of the sums applied for or budgeted beside it.
GRANT_COLUMN = re.compile(
    rf"\b(?:{_GRANTED}|tilsagn|tilsegn|tilskudd|tilskot|støtte|grant|vedtak|decision)\b",
    re.IGNORECASE,
)
# A column of sums, of the bodies that gave them and of their kinds ("Tilskudd", "Lån").
SUM_COLUMN = re.compile(r"\b(?:beløp|sum|amount|nok|kr|kroner)\b", re.IGNORECASE)
GIVER_COLUMN = re.compile(
    r"\b(?:giver|gjevar|tilskuddsgiver|tilskotsgjevar|finansiør|kilde|kjelde|funder|source)\b",
    re.IGNORECASE,
)
KIND_COLUMN = re.compile(r"\b(?:type|form|støtteform|art|kind)\b", re.IGNORECASE)
OTHER_COLUMN = re.compile(
    r"\b(?:søkt|omsøkt|søknad\w*|budsjett\w*|kostnad\w*|ei?gen\w*|applied|budget)\b",
    re.IGNORECASE,
)
# A list row's label and its sum's purpose: "• Innlandet fylkeskommune: 350 000 kroner til …".
LABEL_END = re.compile(r"[ \t]*[:–—-][ \t]*")
PURPOSE = re.compile(r"[ \t]+(?:til|for|to)[ \t]")
# The row of a table's total: "Sum", "Totalt".
TOTAL_ROW = re.compile(r"\s*(?:sum|totalt?|i\s+alt|til\s+sammen|til\s+saman)\b", re.IGNORECASE)
# A table cell or list label: short, no sentence ("Beløp", "Membranfilter for små vannverk"),
# or a table's header row, its columns apart by two spaces or more.
CELL = re.compile(r"\s*[^.!?\n]{1,60}\s*|[^.!?\n]*\S {2,}\S[^.!?\n]*")
