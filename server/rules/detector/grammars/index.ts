import { compileGrammar, type CompiledGrammar } from '../match.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { nl } from './nl.js';
import { pt } from './pt.js';

/** The space-separated languages, compiled once; Japanese has its own matcher (`japanese.ts`). */
export const GRAMMARS: readonly CompiledGrammar[] = [en, de, fr, es, pt, it, nl].map(compileGrammar);
