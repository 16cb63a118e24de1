import { CST, Lexer } from 'yaml';
import { MAX_FLOW_DEPTH, MAX_INDENT, MAX_INDICATORS_PER_LINE } from './limits.js';

/**
 * Refuses pathologically nested YAML before the real parser sees it. The yaml parser is
 * superlinear in nesting depth (1 MiB of "[" takes over 10 s) and its composer recurses,
 * which near the stack limit has crashed Node outright rather than throwing. The lexer is
 * linear and flat, and a carbon-gate config never nests more than a few levels, so generous
 * limits on its tokens cost real configs nothing.
 *
 * Returns a short reason, or undefined when the text is fine to parse.
 */
export function nestingProblem(text: string): string | undefined {
  let flowDepth = 0;
  let indicators = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++flowDepth > MAX_FLOW_DEPTH) return `[ ] or { } nested more than ${MAX_FLOW_DEPTH} levels deep`;
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      flowDepth = Math.max(0, flowDepth - 1);
    } else if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') {
      if (flowDepth === 0 && ++indicators > MAX_INDICATORS_PER_LINE) {
        return `more than ${MAX_INDICATORS_PER_LINE} nested "-", "?" or ":" on one line`;
      }
    } else if (type === 'space' && lineStart && token.length > MAX_INDENT) {
      // Only indentation tokens right after a newline: block scalar bodies (run: |) are a
      // single scalar token, so deeply indented script text is not counted.
      return `a line indented more than ${MAX_INDENT} columns`;
    }
    if (type === 'newline') indicators = 0;
    lineStart = type === 'newline';
  }
  return undefined;
}
