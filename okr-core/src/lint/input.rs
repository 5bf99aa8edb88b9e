//! Parser for `lint-text` input lines: plain text, or `KIND<TAB>TEXT`.

use super::StatementKind;

/// One parsed input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintTextLine {
    /// 1-based line number in the input (1 for [`parse_lint_text_line`]).
    pub line: usize,
    /// Statement kind (`goal` when not given).
    pub kind: StatementKind,
    /// Statement text.
    pub text: String,
}

/// Error for a bad input line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LintInputError {
    /// The part before the tab is not a known kind.
    #[error(
        "line {line}: unknown statement kind `{}` (expected objective, key_result or goal)",
        crate::format::escape(kind)
    )]
    UnknownKind {
        /// 1-based line number.
        line: usize,
        /// The kind as written.
        kind: String,
    },
    /// Nothing after the kind.
    #[error("line {line}: empty statement")]
    EmptyText {
        /// 1-based line number.
        line: usize,
    },
}

fn parse_at(line_no: usize, line: &str) -> Result<LintTextLine, LintInputError> {
    let line = line.trim_end_matches(['\r', '\n']);
    let (kind, text) = match line.split_once('\t') {
        Some((k, t)) => {
            let kind = k
                .parse::<StatementKind>()
                .map_err(|_| LintInputError::UnknownKind {
                    line: line_no,
                    kind: k.trim().to_string(),
                })?;
            (kind, t)
        }
        None => (StatementKind::Goal, line),
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(LintInputError::EmptyText { line: line_no });
    }
    Ok(LintTextLine {
        line: line_no,
        kind,
        text: text.to_string(),
    })
}

/// Parse one line.
pub fn parse_lint_text_line(line: &str) -> Result<LintTextLine, LintInputError> {
    parse_at(1, line)
}

/// Parse a whole input; blank lines are skipped, line numbers are 1-based.
pub fn parse_lint_text_input(input: &str) -> Vec<Result<LintTextLine, LintInputError>> {
    input
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| parse_at(i + 1, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines() {
        let l = parse_lint_text_line("Grow MRR to $1M").unwrap();
        assert_eq!(l.kind, StatementKind::Goal);
        let l = parse_lint_text_line("key_result\tGrow MRR to $1M\r\n").unwrap();
        assert_eq!(
            (l.kind, l.text.as_str()),
            (StatementKind::KeyResult, "Grow MRR to $1M")
        );
        let e = parse_lint_text_line("kr\tGrow").unwrap_err();
        assert_eq!(
            e,
            LintInputError::UnknownKind {
                line: 1,
                kind: "kr".into()
            }
        );
        assert!(e.to_string().contains("unknown statement kind `kr`"));
        assert!(matches!(
            parse_lint_text_line("objective\t  "),
            Err(LintInputError::EmptyText { .. })
        ));
        let all = parse_lint_text_input("a\n\nobjective\tB\nbad\tC\n");
        assert_eq!(all.len(), 3);
        assert_eq!(all[1].as_ref().unwrap().line, 3);
        assert!(all[2].is_err());
    }
}
