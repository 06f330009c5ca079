// Checks on a question before it reaches the index: the cases where there is nothing sensible to search.

/** Longer than any real question; past this the text is more likely a pasted document than a question. */
export const MAX_QUESTION_CHARS = 1000;

/** A message explaining why the question cannot be asked, or undefined when it can. */
export function questionProblem(question: string): string | undefined {
  if (question.trim() === '') return 'The question is empty: write what you want to know about the article.';
  if (question.length > MAX_QUESTION_CHARS) {
    return `The question is ${question.length} characters long; keep it under ${MAX_QUESTION_CHARS} characters.`;
  }
  return undefined;
}
