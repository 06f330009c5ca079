// In a sources thread people also chat ("شكرا", "lol", "who cares"): the bot answers only what reads as
// a question or a request about the article (or mentions it). The decision is text work and lives in
// src/qa/small-talk.ts; the bot's message handler asks it through this name.
export { readsAsQuestion } from '../qa/small-talk.ts';
