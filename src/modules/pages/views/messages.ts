/**
 * The survey page's own words (questions come translated from the bank). Each locale has every
 * key, which the type enforces; a locale missing here falls back to its language, then English.
 */
export interface SurveyMessages {
  readonly skip: string;
  readonly part: (i: number, n: number) => string;
  readonly anonymity: (k: number) => string;
  readonly closes: (date: string) => string;
  readonly optional: string;
  readonly next: string;
  readonly back: string;
  readonly send: string;
  readonly likertLow: string;
  readonly likertHigh: string;
  readonly enpsLow: string;
  readonly enpsHigh: string;
  readonly chooseAny: string;
  readonly fixErrors: string;
  readonly thanksTitle: string;
  readonly thanksBody: string;
  readonly replyKey: string;
  readonly usedTitle: string;
  readonly usedBody: string;
  readonly closedTitle: string;
  readonly closedBody: string;
  readonly unknownTitle: string;
  readonly unknownBody: string;
  readonly staleTitle: string;
  readonly staleBody: string;
}

const en: SurveyMessages = {
  skip: 'Skip to the questions',
  part: (i, n) => `Part ${i} of ${n}`,
  anonymity: (k) => `Your answers are anonymous: they are stored without your name or this link, and results are shown only for groups of at least ${k} people.`,
  closes: (date) => `Open until ${date}.`,
  optional: 'Every question is optional: answer what you want to.',
  next: 'Next',
  back: 'Back',
  send: 'Send my answers',
  likertLow: 'Strongly disagree',
  likertHigh: 'Strongly agree',
  enpsLow: 'Not at all likely',
  enpsHigh: 'Extremely likely',
  chooseAny: 'Choose any that apply.',
  fixErrors: 'Some answers need another look:',
  thanksTitle: 'Thank you',
  thanksBody: 'Your answers were recorded. They count in the results of your groups, never on their own.',
  replyKey: 'HR may answer your comment without knowing who you are. This private key lets you read the answer and reply; keep it, it is shown only now:',
  usedTitle: 'This link was already used',
  usedBody: 'Each survey link answers once, and answers were already sent with this one. Nothing more is needed from you.',
  closedTitle: 'This survey has closed',
  closedBody: 'Answers are no longer taken for this survey. Thank you all the same.',
  unknownTitle: 'This link does not work',
  unknownBody: 'The survey link is not valid. Check that it was copied whole, or ask HR for your link.',
  staleTitle: 'This form is out of date',
  staleBody: 'Open your survey link again to answer.',
};

const fr: SurveyMessages = {
  skip: 'Aller aux questions',
  part: (i, n) => `Partie ${i} sur ${n}`,
  anonymity: (k) => `Vos réponses sont anonymes : elles sont enregistrées sans votre nom ni ce lien, et les résultats ne sont montrés que pour des groupes d’au moins ${k} personnes.`,
  closes: (date) => `Ouvert jusqu’au ${date}.`,
  optional: 'Toutes les questions sont facultatives : répondez à celles que vous voulez.',
  next: 'Suivant',
  back: 'Retour',
  send: 'Envoyer mes réponses',
  likertLow: 'Pas du tout d’accord',
  likertHigh: 'Tout à fait d’accord',
  enpsLow: 'Pas du tout probable',
  enpsHigh: 'Très probable',
  chooseAny: 'Cochez tout ce qui s’applique.',
  fixErrors: 'Certaines réponses sont à revoir :',
  thanksTitle: 'Merci',
  thanksBody: 'Vos réponses sont enregistrées. Elles comptent dans les résultats de vos groupes, jamais seules.',
  replyKey: 'Les RH peuvent répondre à votre commentaire sans savoir qui vous êtes. Cette clé privée vous permet de lire la réponse et de répondre ; gardez-la, elle n’est montrée qu’ici :',
  usedTitle: 'Ce lien a déjà servi',
  usedBody: 'Chaque lien ne répond qu’une fois, et des réponses ont déjà été envoyées avec celui-ci. Vous n’avez rien d’autre à faire.',
  closedTitle: 'Cette enquête est close',
  closedBody: 'Les réponses ne sont plus acceptées pour cette enquête. Merci tout de même.',
  unknownTitle: 'Ce lien ne fonctionne pas',
  unknownBody: 'Le lien de l’enquête n’est pas valide. Vérifiez qu’il a été copié en entier, ou demandez votre lien aux RH.',
  staleTitle: 'Ce formulaire n’est plus à jour',
  staleBody: 'Ouvrez de nouveau votre lien pour répondre.',
};

const de: SurveyMessages = {
  skip: 'Zu den Fragen springen',
  part: (i, n) => `Teil ${i} von ${n}`,
  anonymity: (k) => `Ihre Antworten sind anonym: Sie werden ohne Ihren Namen und ohne diesen Link gespeichert, und Ergebnisse werden nur für Gruppen von mindestens ${k} Personen gezeigt.`,
  closes: (date) => `Offen bis ${date}.`,
  optional: 'Alle Fragen sind freiwillig: Beantworten Sie, was Sie möchten.',
  next: 'Weiter',
  back: 'Zurück',
  send: 'Antworten senden',
  likertLow: 'Stimme gar nicht zu',
  likertHigh: 'Stimme voll zu',
  enpsLow: 'Gar nicht wahrscheinlich',
  enpsHigh: 'Äußerst wahrscheinlich',
  chooseAny: 'Wählen Sie alles Zutreffende.',
  fixErrors: 'Einige Antworten bitte noch einmal prüfen:',
  thanksTitle: 'Vielen Dank',
  thanksBody: 'Ihre Antworten wurden gespeichert. Sie zählen in den Ergebnissen Ihrer Gruppen, nie einzeln.',
  replyKey: 'HR kann auf Ihren Kommentar antworten, ohne zu wissen, wer Sie sind. Mit diesem privaten Schlüssel lesen Sie die Antwort und antworten selbst; bewahren Sie ihn auf, er wird nur jetzt gezeigt:',
  usedTitle: 'Dieser Link wurde schon verwendet',
  usedBody: 'Jeder Link antwortet einmal, und mit diesem wurden schon Antworten gesendet. Sie müssen nichts weiter tun.',
  closedTitle: 'Diese Umfrage ist beendet',
  closedBody: 'Für diese Umfrage werden keine Antworten mehr angenommen. Trotzdem vielen Dank.',
  unknownTitle: 'Dieser Link funktioniert nicht',
  unknownBody: 'Der Umfragelink ist ungültig. Prüfen Sie, ob er vollständig kopiert wurde, oder fragen Sie HR nach Ihrem Link.',
  staleTitle: 'Dieses Formular ist veraltet',
  staleBody: 'Öffnen Sie Ihren Umfragelink erneut, um zu antworten.',
};

const CATALOGUE: Readonly<Record<string, SurveyMessages>> = { en, fr, de };

/** The messages for a locale (exact, then its language, then English), and the locale they are in. */
export function surveyMessages(locale: string | undefined): { locale: string; m: SurveyMessages } {
  const wanted = (locale ?? 'en').toLowerCase();
  const language = wanted.split('-')[0]!;
  const hit = CATALOGUE[wanted] ? wanted : CATALOGUE[language] ? language : 'en';
  return { locale: hit, m: CATALOGUE[hit]! };
}

/** The first language of an `Accept-Language` header that the catalogue has, for pages without an invitation. */
export function preferredLocale(acceptLanguage: string | undefined): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag && surveyMessages(tag).locale !== 'en') return surveyMessages(tag).locale;
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** A plain BCP 47 tag (as `?locale=` may carry), or undefined for anything else. */
export function plainLocale(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 35 && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value) ? value : undefined;
}
