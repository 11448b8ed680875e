// Generates the word lists of the stemmer parity test (tests/integration/stemmers.rs).
//
//   node tests/stemmers/gen-words.mjs
//
// Writes, next to this script (one word per line, sorted, distinct):
//   de-inflected.txt / en-inflected.txt  inflected and derived forms of a few hundred
//                                        base words of office/assistant vocabulary
//   de-edge.txt / en-edge.txt            seeded pseudo-random words built to hit the
//                                        corners of the algorithms (regions, umlauts,
//                                        ß, u/y between vowels, every suffix list)
//   de-site.txt / en-site.txt            every distinct word of content/**/*.md at the
//                                        time of generation (.en.md files are English)
// Deterministic: the same input gives the same files. The test also stems the words
// of content/ as they are when it runs (see compare.mjs), so these are a snapshot.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteWords } from './site-words.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

// ---------------------------------------------------------------- German

// Nouns: [singular, plural]. Forms: singular, plural, genitive (-s/-es), dative
// plural (-n), compounds with the linking -s-.
const DE_NOUNS = [
  ['rechnung', 'rechnungen'], ['mahnung', 'mahnungen'], ['zahlung', 'zahlungen'],
  ['buchung', 'buchungen'], ['stellung', 'stellungen'], ['leistung', 'leistungen'],
  ['bestellung', 'bestellungen'], ['erinnerung', 'erinnerungen'], ['vertretung', 'vertretungen'],
  ['übersetzung', 'übersetzungen'], ['besprechung', 'besprechungen'], ['einrichtung', 'einrichtungen'],
  ['abrechnung', 'abrechnungen'], ['vereinbarung', 'vereinbarungen'], ['kündigung', 'kündigungen'],
  ['sicherheit', 'sicherheiten'], ['vertraulichkeit', 'vertraulichkeiten'], ['möglichkeit', 'möglichkeiten'],
  ['tätigkeit', 'tätigkeiten'], ['gelegenheit', 'gelegenheiten'], ['erreichbarkeit', 'erreichbarkeiten'],
  ['telefon', 'telefone'], ['termin', 'termine'], ['kunde', 'kunden'], ['kundin', 'kundinnen'],
  ['assistent', 'assistenten'], ['assistentin', 'assistentinnen'], ['assistenz', 'assistenzen'],
  ['büro', 'büros'], ['brief', 'briefe'], ['vertrag', 'verträge'], ['angebot', 'angebote'],
  ['auftrag', 'aufträge'], ['anruf', 'anrufe'], ['anrufer', 'anrufer'], ['anruferin', 'anruferinnen'],
  ['kalender', 'kalender'], ['postfach', 'postfächer'], ['ordner', 'ordner'], ['tabelle', 'tabellen'],
  ['präsentation', 'präsentationen'], ['protokoll', 'protokolle'], ['liste', 'listen'],
  ['aufgabe', 'aufgaben'], ['frist', 'fristen'], ['woche', 'wochen'], ['stunde', 'stunden'],
  ['monat', 'monate'], ['jahr', 'jahre'], ['tag', 'tage'], ['preis', 'preise'], ['paket', 'pakete'],
  ['stundensatz', 'stundensätze'], ['honorar', 'honorare'], ['betrag', 'beträge'], ['summe', 'summen'],
  ['größe', 'größen'], ['straße', 'straßen'], ['fuß', 'füße'], ['gruß', 'grüße'], ['maß', 'maße'],
  ['ergebnis', 'ergebnisse'], ['verzeichnis', 'verzeichnisse'], ['geheimnis', 'geheimnisse'],
  ['kenntnis', 'kenntnisse'], ['zeugnis', 'zeugnisse'], ['erlebnis', 'erlebnisse'],
  ['datei', 'dateien'], ['daten', 'daten'], ['schutz', 'schutze'], ['zugang', 'zugänge'],
  ['passwort', 'passwörter'], ['konto', 'konten'], ['bank', 'banken'], ['mail', 'mails'],
  ['nachricht', 'nachrichten'], ['antwort', 'antworten'], ['frage', 'fragen'], ['anfrage', 'anfragen'],
  ['beschwerde', 'beschwerden'], ['reklamation', 'reklamationen'], ['lieferung', 'lieferungen'],
  ['lieferant', 'lieferanten'], ['händler', 'händler'], ['geschäft', 'geschäfte'], ['firma', 'firmen'],
  ['unternehmen', 'unternehmen'], ['mitarbeiter', 'mitarbeiter'], ['mitarbeiterin', 'mitarbeiterinnen'],
  ['chef', 'chefs'], ['chefin', 'chefinnen'], ['team', 'teams'], ['kollege', 'kollegen'],
  ['kollegin', 'kolleginnen'], ['urlaub', 'urlaube'], ['krankheit', 'krankheiten'], ['reise', 'reisen'],
  ['hotel', 'hotels'], ['flug', 'flüge'], ['zug', 'züge'], ['ticket', 'tickets'], ['beleg', 'belege'],
  ['quittung', 'quittungen'], ['steuer', 'steuern'], ['umsatz', 'umsätze'], ['ausgabe', 'ausgaben'],
  ['einnahme', 'einnahmen'], ['kosten', 'kosten'], ['gebühr', 'gebühren'], ['mahngebühr', 'mahngebühren'],
  ['schreiben', 'schreiben'], ['dokument', 'dokumente'], ['vorlage', 'vorlagen'], ['formular', 'formulare'],
  ['drucker', 'drucker'], ['scanner', 'scanner'], ['rechner', 'rechner'], ['laptop', 'laptops'],
  ['bildschirm', 'bildschirme'], ['tastatur', 'tastaturen'], ['headset', 'headsets'],
  ['programm', 'programme'], ['software', 'softwares'], ['update', 'updates'], ['sicherung', 'sicherungen'],
  ['richtlinie', 'richtlinien'], ['checkliste', 'checklisten'], ['schulung', 'schulungen'],
  ['einarbeitung', 'einarbeitungen'], ['übergabe', 'übergaben'], ['rückruf', 'rückrufe'],
  ['rückfrage', 'rückfragen'], ['gespräch', 'gespräche'], ['sitzung', 'sitzungen'], ['raum', 'räume'],
  ['haus', 'häuser'], ['stadt', 'städte'], ['land', 'länder'], ['sprache', 'sprachen'],
  ['wort', 'wörter'], ['satz', 'sätze'], ['text', 'texte'], ['fehler', 'fehler'], ['korrektur', 'korrekturen'],
  ['bauer', 'bauern'], ['feuer', 'feuer'], ['abenteuer', 'abenteuer'], ['mauer', 'mauern'],
  ['bayer', 'bayern'], ['meyer', 'meyers'], ['boje', 'bojen'], ['treue', 'treuen'],
  ['qualität', 'qualitäten'], ['priorität', 'prioritäten'], ['universität', 'universitäten'],
  ['öffnung', 'öffnungen'], ['ärger', 'ärger'], ['übung', 'übungen'], ['äußerung', 'äußerungen'],
];
const DE_HEADS = ['stellung', 'prüfung', 'nummer', 'eingang', 'wesen', 'liste', 'zeit', 'kosten'];

// Weak verbs (stem). Forms: infinitive, present, past, participles, -ung noun.
const DE_VERBS = [
  'telefonier', 'organisier', 'koordinier', 'recherchier', 'formulier', 'korrigier', 'archivier',
  'digitalisier', 'informier', 'notier', 'sortier', 'kopier', 'reservier', 'buch', 'plan', 'prüf',
  'mahn', 'zahl', 'rechn', 'bestell', 'erledig', 'beantwort', 'antwort', 'schick', 'sammel', 'ordn',
  'pfleg', 'speicher', 'lösch', 'sicher', 'änder', 'ergänz', 'übersetz', 'überweis', 'erinner',
  'vertret', 'begrüß', 'grüß', 'heiz', 'füll', 'scann', 'druck', 'les', 'arbeit', 'kauf', 'verkauf',
  'liefer', 'melde', 'vermittel', 'verbind', 'bearbeit', 'klär', 'überprüf', 'abstimm', 'fass',
  'erfass', 'verfass', 'trau', 'bau', 'freu', 'äußer', 'öffn', 'üb', 'wähl',
];
const DE_VERB_ENDINGS = ['en', 'e', 'st', 't', 'et', 'est', 'te', 'test', 'ten', 'tet', 'end',
  'ende', 'enden', 'ender', 'endes', 'ung', 'ungen', 'er', 'ern', 'erin', 'bar', 'barkeit'];

// Adjectives: [positive, comparative stem, superlative stem].
const DE_ADJ = [
  ['groß', 'größer', 'größt'], ['klein', 'kleiner', 'kleinst'], ['schnell', 'schneller', 'schnellst'],
  ['freundlich', 'freundlicher', 'freundlichst'], ['höflich', 'höflicher', 'höflichst'],
  ['pünktlich', 'pünktlicher', 'pünktlichst'], ['zuverlässig', 'zuverlässiger', 'zuverlässigst'],
  ['wichtig', 'wichtiger', 'wichtigst'], ['dringend', 'dringender', 'dringendst'],
  ['einfach', 'einfacher', 'einfachst'], ['sicher', 'sicherer', 'sicherst'],
  ['vertraulich', 'vertraulicher', 'vertraulichst'], ['günstig', 'günstiger', 'günstigst'],
  ['teuer', 'teurer', 'teuerst'], ['lang', 'länger', 'längst'], ['kurz', 'kürzer', 'kürzest'],
  ['alt', 'älter', 'ältest'], ['jung', 'jünger', 'jüngst'], ['hoch', 'höher', 'höchst'],
  ['nah', 'näher', 'nächst'], ['gut', 'besser', 'best'], ['viel', 'mehr', 'meist'],
  ['klar', 'klarer', 'klarst'], ['genau', 'genauer', 'genauest'], ['neu', 'neuer', 'neuest'],
  ['schön', 'schöner', 'schönst'], ['süß', 'süßer', 'süßest'], ['heiß', 'heißer', 'heißest'],
  ['weiß', 'weißer', 'weißest'], ['fleißig', 'fleißiger', 'fleißigst'], ['deutsch', 'deutscher', 'deutschest'],
  ['englisch', 'englischer', 'englischst'], ['praktisch', 'praktischer', 'praktischst'],
  ['digital', 'digitaler', 'digitalst'], ['persönlich', 'persönlicher', 'persönlichst'],
  ['schriftlich', 'schriftlicher', 'schriftlichst'], ['mündlich', 'mündlicher', 'mündlichst'],
  ['monatlich', 'monatlicher', 'monatlichst'], ['zeitlich', 'zeitlicher', 'zeitlichst'],
  ['selbstständig', 'selbstständiger', 'selbstständigst'], ['ruhig', 'ruhiger', 'ruhigst'],
  ['lustig', 'lustiger', 'lustigst'], ['blau', 'blauer', 'blauest'], ['schlau', 'schlauer', 'schlauest'],
];
const DE_ADJ_ENDINGS = ['', 'e', 'en', 'er', 'es', 'em'];
const DE_DERIV = ['heit', 'keit', 'igkeit', 'lichkeit', 'ung', 'lich', 'isch', 'ig', 'ik', 'end'];

function germanInflected() {
  const out = new Set();
  for (const [sg, pl] of DE_NOUNS) {
    out.add(sg).add(pl);
    out.add(/(s|ß|x|z)$/.test(sg) ? sg + 'es' : sg + 's');
    if (!/[ns]$/.test(pl)) out.add(pl + 'n');
    if (/(ung|heit|keit|ion|tät)$/.test(sg)) {
      for (const head of DE_HEADS) out.add(sg + 's' + head).add(sg + 's' + head + 'en');
    } else if (sg.length > 3) {
      out.add(sg + DE_HEADS[sg.length % DE_HEADS.length]);
    }
  }
  for (const stem of DE_VERBS) {
    for (const ending of DE_VERB_ENDINGS) out.add(stem + ending);
    if (!stem.endsWith('ier') && !/^(be|er|ver|über|ab)/.test(stem)) out.add('ge' + stem + 't');
    else out.add(stem + 't');
    out.add(stem + 'ungen');
  }
  for (const [pos, comp, sup] of DE_ADJ) {
    for (const ending of DE_ADJ_ENDINGS) {
      out.add(pos + ending).add(comp + ending);
      if (ending) out.add(sup + ending);
    }
    for (const d of DE_DERIV) out.add(pos + d);
    out.add(pos + 'heiten').add(pos + 'keiten').add('un' + pos).add('un' + pos + 'e');
  }
  return out;
}

// ---------------------------------------------------------------- English

const EN_NOUNS = [
  'invoice', 'payment', 'reminder', 'account', 'client', 'customer', 'assistant', 'office', 'call',
  'phone', 'telephone', 'meeting', 'appointment', 'calendar', 'schedule', 'task', 'deadline', 'rate',
  'package', 'hour', 'week', 'month', 'day', 'year', 'service', 'price', 'fee', 'budget', 'report',
  'document', 'template', 'form', 'letter', 'email', 'message', 'answer', 'question', 'request',
  'complaint', 'delivery', 'supplier', 'order', 'contract', 'offer', 'agency', 'company', 'business',
  'team', 'colleague', 'holiday', 'trip', 'hotel', 'flight', 'ticket', 'receipt', 'tax', 'expense',
  'cost', 'printer', 'scanner', 'laptop', 'screen', 'keyboard', 'headset', 'program', 'update',
  'backup', 'policy', 'checklist', 'training', 'handover', 'callback', 'conversation', 'room',
  'city', 'country', 'language', 'word', 'sentence', 'text', 'mistake', 'correction', 'translation',
  'presentation', 'spreadsheet', 'table', 'note', 'minute', 'record', 'file', 'folder', 'box',
  'box', 'church', 'bus', 'glass', 'address', 'process', 'class', 'boss', 'lady', 'party', 'story',
  'duty', 'copy', 'reply', 'study', 'library', 'secretary', 'summary', 'diary', 'inquiry', 'key',
  'day', 'survey', 'journey', 'attorney', 'quality', 'priority', 'security', 'ability', 'facility',
  'analysis', 'crisis', 'status', 'campus', 'virus', 'bonus', 'census', 'consensus', 'basis',
];
const EN_VERBS = [
  // [base, -s, -ed, -ing]
  ['invoice', 'invoices', 'invoiced', 'invoicing'], ['call', 'calls', 'called', 'calling'],
  ['book', 'books', 'booked', 'booking'], ['plan', 'plans', 'planned', 'planning'],
  ['schedule', 'schedules', 'scheduled', 'scheduling'], ['answer', 'answers', 'answered', 'answering'],
  ['reply', 'replies', 'replied', 'replying'], ['copy', 'copies', 'copied', 'copying'],
  ['apply', 'applies', 'applied', 'applying'], ['try', 'tries', 'tried', 'trying'],
  ['deny', 'denies', 'denied', 'denying'], ['pay', 'pays', 'paid', 'paying'],
  ['stay', 'stays', 'stayed', 'staying'], ['obey', 'obeys', 'obeyed', 'obeying'],
  ['die', 'dies', 'died', 'dying'], ['lie', 'lies', 'lied', 'lying'], ['tie', 'ties', 'tied', 'tying'],
  ['hop', 'hops', 'hopped', 'hopping'], ['hope', 'hopes', 'hoped', 'hoping'],
  ['stop', 'stops', 'stopped', 'stopping'], ['ship', 'ships', 'shipped', 'shipping'],
  ['file', 'files', 'filed', 'filing'], ['fill', 'fills', 'filled', 'filling'],
  ['agree', 'agrees', 'agreed', 'agreeing'], ['feed', 'feeds', 'fed', 'feeding'],
  ['proceed', 'proceeds', 'proceeded', 'proceeding'], ['succeed', 'succeeds', 'succeeded', 'succeeding'],
  ['exceed', 'exceeds', 'exceeded', 'exceeding'], ['need', 'needs', 'needed', 'needing'],
  ['organize', 'organizes', 'organized', 'organizing'], ['organise', 'organises', 'organised', 'organising'],
  ['prioritize', 'prioritizes', 'prioritized', 'prioritizing'], ['digitize', 'digitizes', 'digitized', 'digitizing'],
  ['translate', 'translates', 'translated', 'translating'], ['correct', 'corrects', 'corrected', 'correcting'],
  ['proofread', 'proofreads', 'proofread', 'proofreading'], ['manage', 'manages', 'managed', 'managing'],
  ['handle', 'handles', 'handled', 'handling'], ['enable', 'enables', 'enabled', 'enabling'],
  ['forward', 'forwards', 'forwarded', 'forwarding'], ['remind', 'reminds', 'reminded', 'reminding'],
  ['confirm', 'confirms', 'confirmed', 'confirming'], ['cancel', 'cancels', 'cancelled', 'cancelling'],
  ['travel', 'travels', 'travelled', 'travelling'], ['label', 'labels', 'labelled', 'labelling'],
  ['refer', 'refers', 'referred', 'referring'], ['prefer', 'prefers', 'preferred', 'preferring'],
  ['offer', 'offers', 'offered', 'offering'], ['deliver', 'delivers', 'delivered', 'delivering'],
  ['print', 'prints', 'printed', 'printing'], ['scan', 'scans', 'scanned', 'scanning'],
  ['can', 'cans', 'canned', 'canning'], ['win', 'wins', 'won', 'winning'], ['run', 'runs', 'ran', 'running'],
  ['sit', 'sits', 'sat', 'sitting'], ['get', 'gets', 'got', 'getting'], ['fit', 'fits', 'fitted', 'fitting'],
  ['rub', 'rubs', 'rubbed', 'rubbing'], ['add', 'adds', 'added', 'adding'], ['buzz', 'buzzes', 'buzzed', 'buzzing'],
  ['fix', 'fixes', 'fixed', 'fixing'], ['box', 'boxes', 'boxed', 'boxing'], ['row', 'rows', 'rowed', 'rowing'],
  ['sew', 'sews', 'sewed', 'sewing'], ['bleed', 'bleeds', 'bled', 'bleeding'], ['speed', 'speeds', 'sped', 'speeding'],
  ['create', 'creates', 'created', 'creating'], ['relate', 'relates', 'related', 'relating'],
  ['communicate', 'communicates', 'communicated', 'communicating'], ['generate', 'generates', 'generated', 'generating'],
  ['operate', 'operates', 'operated', 'operating'], ['coordinate', 'coordinates', 'coordinated', 'coordinating'],
  ['research', 'researches', 'researched', 'researching'], ['process', 'processes', 'processed', 'processing'],
  ['address', 'addresses', 'addressed', 'addressing'], ['access', 'accesses', 'accessed', 'accessing'],
  ['guess', 'guesses', 'guessed', 'guessing'], ['bias', 'biases', 'biased', 'biasing'],
  ['focus', 'focuses', 'focused', 'focusing'], ['bless', 'blesses', 'blessed', 'blessing'],
  ['enjoy', 'enjoys', 'enjoyed', 'enjoying'], ['employ', 'employs', 'employed', 'employing'],
  ['say', 'says', 'said', 'saying'], ['dry', 'dries', 'dried', 'drying'], ['cry', 'cries', 'cried', 'crying'],
  ['ski', 'skis', 'skied', 'skiing'], ['sky', 'skies', 'skied', 'skying'], ['eye', 'eyes', 'eyed', 'eyeing'],
  ['use', 'uses', 'used', 'using'], ['see', 'sees', 'saw', 'seeing'], ['be', 'is', 'was', 'being'],
  ['go', 'goes', 'went', 'going'], ['do', 'does', 'did', 'doing'], ['sing', 'sings', 'sang', 'singing'],
  ['bring', 'brings', 'brought', 'bringing'], ['ring', 'rings', 'rang', 'ringing'],
  ['spring', 'springs', 'sprang', 'springing'], ['inn', 'inns', 'inned', 'inning'],
  ['out', 'outs', 'outed', 'outing'], ['herr', 'herrs', 'herred', 'herring'],
];
const EN_VERB_DERIV = ['er', 'ers', 'able', 'ation', 'ations', 'ment', 'ments', 'ive', 'ively',
  'iveness', 'ably', 'ability', 'ingly', 'edly'];
const EN_ADJ = [
  'general', 'generous', 'careful', 'helpful', 'useful', 'hopeful', 'thoughtful', 'respectful',
  'polite', 'quick', 'slow', 'clear', 'precise', 'exact', 'reliable', 'flexible', 'available',
  'personal', 'professional', 'national', 'international', 'rational', 'conditional', 'additional',
  'optional', 'formal', 'informal', 'digital', 'virtual', 'annual', 'central', 'critical', 'typical',
  'practical', 'logical', 'technical', 'economical', 'electric', 'historic', 'specific', 'public',
  'happy', 'easy', 'busy', 'early', 'ugly', 'only', 'gentle', 'simple', 'single', 'idle', 'noble',
  'able', 'capable', 'possible', 'responsible', 'sensitive', 'active', 'effective', 'creative',
  'relative', 'positive', 'negative', 'attentive', 'independent', 'efficient', 'sufficient',
  'confident', 'different', 'important', 'relevant', 'urgent', 'present', 'absent', 'patient',
  'modern', 'real', 'equal', 'normal', 'legal', 'final', 'total', 'mental', 'dental', 'full', 'dull',
  'fair', 'kind', 'calm', 'warm', 'cold', 'bold', 'brave', 'safe', 'secure', 'free', 'busy', 'tidy',
  'heavy', 'ready', 'steady', 'angry', 'lucky', 'funny', 'sorry', 'happy', 'pretty', 'dry', 'shy',
  'sly', 'coy', 'grey', 'gay', 'joyful', 'playful', 'loyal', 'royal', 'famous', 'nervous', 'anxious',
  'serious', 'various', 'previous', 'obvious', 'continuous', 'conscious', 'delicious', 'gracious',
  'generic', 'communal', 'arsenal', 'elegant', 'pleasant', 'radiant', 'vigilant', 'brilliant',
];
const EN_ADJ_DERIV = ['ly', 'ness', 'nesses', 'er', 'est', 'ity', 'ities', 'ize', 'izes', 'ized',
  'izing', 'ization', 'izations', 'ise', 'ised', 'ism', 'ist', 'ists', 'ic', 'ical', 'ically',
  'ful', 'fully', 'fulness', 'less', 'lessly', 'lessness', 'ous', 'ously', 'ousness', 'ance',
  'ence', 'ancy', 'ency', 'ational', 'ationally', 'ator', 'ators', 'alism', 'ality', 'alities',
  'ible', 'ibly', 'ment', 'ement', 'ent', 'ant', 'ate', 'ative', 'iciti', 'icate', 'ogy', 'ogies'];
const EN_EXTRA = [
  // Exceptional forms and their neighbours.
  'skis', 'skies', 'sky', 'skiing', 'dying', 'lying', 'tying', 'idly', 'gently', 'ugly', 'early',
  'only', 'singly', 'news', 'howe', 'atlas', 'cosmos', 'bias', 'andes', 'succeed', 'proceed',
  'exceed', 'canning', 'inning', 'earring', 'herring', 'outing', 'succeeds', 'proceeds', 'exceeds',
  'innings', 'outings', 'earrings', 'herrings', 'generously', 'generation', 'generations',
  'general', 'generally', 'generic', 'generous', 'communism', 'communication', 'communicative',
  'community', 'communities', 'arsenic', 'arsenal', 'arsenals', 'newsletter', 'newsletters',
  'skyline', 'dyer', 'dyes', 'dyeing', 'youth', 'yearly', 'yes', 'yellow', 'layer', 'player',
  'buyer', 'buying', 'saying', 'sayings', 'enjoyable', 'enjoyment', 'employee', 'employees',
  'employer', 'employers', 'employment', 'toy', 'toys', 'boy', 'boys', 'guy', 'guys', 'key', 'keys',
  'monkey', 'monkeys', 'valley', 'valleys', 'cities', 'ties', 'pies', 'cries', 'lies', 'dies',
  'gas', 'gases', 'this', 'his', 'us', 'bus', 'buses', 'kiwis', 'taxis', 'news', 'series',
  'species', 'means', 'analysis', 'crisis', 'chaos', 'bed', 'shed', 'shred', 'seed', 'seeded',
  'bleed', 'breed', 'embed', 'embedded', 'luxuriated', 'luxuriating', 'hopeful', 'consign',
  'consigned', 'consigning', 'consignment', 'consist', 'consisted', 'consistency', 'consistent',
  'consistently', 'consisting', 'consists', 'consolation', 'consolations', 'consolatory', 'console',
  'consoled', 'consoles', 'consolidate', 'consolidated', 'consolidating', 'consoling',
  'knightly', 'knack', 'kneel', 'knelt', 'knew', 'abatement', 'abeyance', 'abhorrence', 'agreement',
  'aggrieved', 'apostle', 'meant', 'bent', 'dent', 'cement', 'moment', 'comment', 'element',
  'ion', 'lion', 'onion', 'nation', 'station', 'version', 'decision', 'fusion', 'vision',
  'a', 'i', 'at', 'by', 'my', 'go', 'it', 'is', 'to', 'be', 'we', "'", "'s", 'xy', 'oy', 'ay',
  'e', 'ee', 'eed', 'ed', 'ing', 'ly', 'sses', 'ies', 'ied', 'y', 'yy', 'yyy', 'ayy', 'eye',
  'sayyid', 'yaye', 'cayenne', 'bayonet', 'crayon', 'fly', 'flies', 'flying', 'flyer', 'flyers',
  'apology', 'apologies', 'biology', 'ecology', 'technology', 'technologies', 'logical', 'logically',
  'geology', 'analogy', 'rollable', 'fill', 'fall', 'bell', 'controll', 'controller', 'controlled',
  'controlling', 'travelling', 'modelling', 'skill', 'skills', 'skilled', 'skillful', 'skillfully',
  'skillfulness', 'resourceful', 'resourcefully', 'resourcefulness', 'hopelessness', 'carelessly',
  'fearlessli', 'entli', 'ousli', 'abli', 'alli', 'fulli', 'lessli', 'bli', 'eli', 'cli', 'dli',
  'generalization', 'generalizations', 'organization', 'organizations', 'personalization',
  'prioritization', 'digitalization', 'rationalization', 'operational', 'conditionally',
  'rowly', 'newly', 'slowly', 'lowly', 'boxly', 'taxly', 'hugely', 'oddly', 'madly',
  '2025', '15', 'covid19', 'co2', 'mp3', 'résumé', 'café', 'naïve', 'façade', 'über', 'jalapeño',
];

function englishInflected() {
  const out = new Set(EN_EXTRA);
  for (const n of EN_NOUNS) {
    out.add(n);
    if (/(s|x|z|ch|sh)$/.test(n)) out.add(n + 'es');
    else if (/[^aeiou]y$/.test(n)) out.add(n.slice(0, -1) + 'ies');
    else out.add(n + 's');
  }
  for (const [base, s, ed, ing] of EN_VERBS) {
    out.add(base).add(s).add(ed).add(ing).add(ing + 's');
    const stem = base.replace(/e$/, '');
    for (const d of EN_VERB_DERIV) out.add(stem + d);
  }
  EN_ADJ.forEach((adj, k) => {
    out.add(adj);
    const y = /[^aeiou]y$/.test(adj);
    const stem = y ? adj.slice(0, -1) + 'i' : adj.replace(/le$/, 'l').replace(/e$/, '');
    // A third of the derivations per adjective, rotating, keeps the list readable.
    EN_ADJ_DERIV.forEach((d, j) => {
      if ((j + k) % 3 === 0 || j < 4) out.add(stem + d);
    });
    if (y) out.add(adj + 'ness').add(adj + 'ly');
  });
  return out;
}

// ---------------------------------------------------------------- edge words

// mulberry32: a small seeded PRNG, so the lists are the same on every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function edgeWords(seed, count, letters, suffixes) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const out = new Set();
  while (out.size < count) {
    const len = Math.floor(rand() * 7);
    let w = '';
    for (let i = 0; i < len; i++) w += pick(letters);
    // Zero to two suffixes from the algorithm's lists, so every step fires.
    const n = Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) w += pick(suffixes);
    if (w) out.add(w);
  }
  return out;
}

const DE_LETTERS = [...'aeiouyäöüaeiouuyybcdfghklmnprstßwzsssnnrrtt', 'ie', 'ei', 'au', 'eu', 'sch', 'ch'];
const DE_SUFFIXES = ['e', 'em', 'en', 'er', 'ern', 'es', 's', 'st', 'est', 'end', 'ung', 'ig', 'ik',
  'isch', 'lich', 'heit', 'keit', 'nis', 'niss', 'nisse', 'igkeit', 'lichkeit', 'erheit', 'enlich',
  'eig', 'eigend', 'igung', 'u', 'y', 'ue', 'ye', 'ß', 'ße'];
const EN_LETTERS = [...'aeiouyaeiouyybcdfghjklmnpqrstvwxzsslltt', 'ee', 'oo', 'ea', 'th', "'", 'é', '1'];
const EN_SUFFIXES = ["'", "'s", "'s'", 's', 'ss', 'us', 'sses', 'ied', 'ies', 'ed', 'eed', 'ing',
  'edly', 'eedly', 'ingly', 'at', 'bl', 'iz', 'y', 'tional', 'enci', 'anci', 'abli', 'entli', 'izer',
  'ization', 'ational', 'ation', 'ator', 'alism', 'aliti', 'alli', 'fulness', 'ousli', 'ousness',
  'iveness', 'iviti', 'biliti', 'bli', 'ogi', 'logi', 'fulli', 'lessli', 'li', 'alize', 'icate',
  'iciti', 'ical', 'ful', 'ness', 'ative', 'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant',
  'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'sion', 'tion', 'e', 'l',
  'll', 'le'];

// ---------------------------------------------------------------- output

function write(name, words) {
  const sorted = [...words].filter((w) => w.length > 0).sort();
  writeFileSync(join(here, name), sorted.join('\n') + '\n');
  console.log(`${name}: ${sorted.length} words`);
}

const site = siteWords(root);
write('de-inflected.txt', germanInflected());
write('en-inflected.txt', englishInflected());
write('de-edge.txt', edgeWords(20250601, 3000, DE_LETTERS, DE_SUFFIXES));
write('en-edge.txt', edgeWords(20250602, 3000, EN_LETTERS, EN_SUFFIXES));
write('de-site.txt', site.de);
write('en-site.txt', site.en);
