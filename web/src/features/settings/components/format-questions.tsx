import type { ApiProblem } from "../../../lib/api-client";
import type { FormatAnswers } from "../api/imports";

type Question = ApiProblem["errors"][number] & { options: string[] };

/** A problem that is a question about the file (its decimal mark, its date order). */
export function isFormatQuestion(problem: ApiProblem["errors"][number]): problem is Question {
  return (
    (problem.path === "decimal" || problem.path === "dateOrder") &&
    (problem.options?.length ?? 0) > 0
  );
}

const optionLabels: Record<string, string> = {
  point: "Point: 1,234.56 (12.500 is twelve and a half)",
  comma: "Comma: 1.234,56 (12.500 is twelve thousand five hundred)",
  "month-first": "Month first, as in the US: 7/1/2026 is July 1",
  "day-first": "Day first: 7/1/2026 is 7 January",
};

const legends: Record<string, string> = {
  decimal: "How does this file write amounts?",
  dateOrder: "How does this file write dates?",
};

/**
 * The file's open format questions, each asked once with the server's words about the cell
 * that reads two ways; the answer goes back as the parameter the question names.
 */
export function FormatQuestions({
  questions,
  answers,
  onAnswer,
}: {
  questions: readonly Question[];
  answers: FormatAnswers;
  onAnswer: (answers: FormatAnswers) => void;
}) {
  if (questions.length === 0) return null;
  return (
    <>
      {questions.map((q) => (
        <fieldset key={q.path} className="mapping" aria-describedby={`format-${q.path}-why`}>
          <legend>{legends[q.path] ?? q.path}</legend>
          <p id={`format-${q.path}-why`} className="field-hint">
            {q.value
              ? `Column “${q.column ?? q.path}” has ${q.value} on line ${q.line}, which reads two ways, and nothing else in the file settles it. Tandem will not guess.`
              : q.message}
          </p>
          <div className="form-stack tight">
            {q.options.map((option) => (
              <label key={option} className="checkbox">
                <input
                  type="radio"
                  name={`format-${q.path}`}
                  value={option}
                  checked={
                    q.path === "decimal" ? answers.decimal === option : answers.dateOrder === option
                  }
                  onChange={() => onAnswer(withAnswer(answers, q.path, option))}
                />
                {optionLabels[option] ?? option}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

function withAnswer(answers: FormatAnswers, path: string, option: string): FormatAnswers {
  if (path === "decimal" && (option === "point" || option === "comma"))
    return { ...answers, decimal: option };
  if (path === "dateOrder" && (option === "month-first" || option === "day-first"))
    return { ...answers, dateOrder: option };
  return answers;
}
