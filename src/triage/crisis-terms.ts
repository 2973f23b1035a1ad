/**
 * The reviewed list of crisis language: intent, means and overdose, in English and Spanish.
 * Changes to this file are clinical changes: add the phrase and a positive (and where useful a
 * negative) example to test/triage/crisis-corpus.ts in the same commit.
 *
 * A phrase matches whole words after normalisation (case, accents, punctuation, spacing,
 * repeated letters, emoji); a trailing `*` matches any ending ("suicid*": suicide, suicidal).
 * False positives are the acceptable failure: when in doubt, add the phrase.
 */
export const CRISIS_PHRASES: readonly string[] = [
  // intent, English
  'kill myself', 'killing myself', 'kill my self', 'kms', 'suicid*', 'want to die', 'wanna die', 'want to be dead',
  'wish i was dead', 'wish i were dead', 'better off dead', 'better off without me', 'end it all', 'ending it all', 'end it now', 'want to end it', 'going to end it',
  'end my life', 'ending my life', 'take my life', 'take my own life', 'no reason to live', 'nothing to live for',
  'not worth living', 'dont want to live', 'dont want to be here', 'dont want to wake up', 'not be here anymore',
  'cant go on', 'cant do this anymore', 'it all to end', 'want it to end', 'make it all stop', 'say goodbye',
  'goodbye forever', 'final goodbye', 'hurt myself', 'hurting myself', 'harm myself', 'self harm', 'cut myself',
  'cutting myself', 'hang myself', 'hanging myself', 'shoot myself', 'jump off', 'jump in front',
  // means and overdose, English
  'overdos*', 'od', 'pills', 'pill', 'tylenol', 'acetaminophen', 'paracetamol', 'advil', 'ibuprofen', 'sleeping pills',
  'took everything', 'took all my', 'whole bottle', 'gun', 'rope', 'noose', 'razor', 'blade', 'on the bridge', 'off the bridge', 'coffin', 'knife',
  // intent, Spanish
  'matarme', 'me voy a matar', 'suicidarme', 'quiero morir', 'quiero morirme', 'me quiero morir', 'no quiero vivir',
  'no quiero seguir', 'acabar con todo', 'terminar con todo', 'quitarme la vida', 'mejor muerto', 'mejor muerta',
  'no vale la pena vivir', 'no puedo mas', 'hacerme dano', 'lastimarme', 'cortarme', 'ahorcarme', 'despedirme',
  // means and overdose, Spanish
  'pastillas', 'pastilla', 'sobredosis', 'pistola', 'arma', 'cuerda', 'navaja', 'cuchillo', 'veneno',
];

/** Dose amounts written as numbers ("800mg", "20 x 500 mg"): overdose language. */
export const CRISIS_PATTERNS: readonly RegExp[] = [/(?:^| )\d{2,5} ?(?:mg|mgs|milligrams?|miligramos?)(?: |$)/];

/** Emoji read as the words they stand for, before matching. */
export const CRISIS_EMOJI: Readonly<Record<string, string>> = {
  '💊': 'pills',
  '🔫': 'gun',
  '🪢': 'rope',
  '⚰': 'coffin',
  '🪦': 'coffin',
  '🔪': 'knife',
};
