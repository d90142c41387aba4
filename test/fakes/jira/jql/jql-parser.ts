import { JqlError } from './jql-error';
import { tokenize, type JqlToken } from './jql-lexer';

export type JqlValue = { kind: 'literal'; text: string } | { kind: 'empty' } | { kind: 'function'; name: string; args: string[] };

export type ClauseOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlNode =
  | { type: 'and' | 'or'; children: JqlNode[] }
  | { type: 'not'; child: JqlNode }
  | { type: 'clause'; field: string; operator: ClauseOperator; values: JqlValue[] };

export interface JqlSort {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  /** Null for a query without restrictions (only ORDER BY, or empty). */
  where: JqlNode | null;
  orderBy: JqlSort[];
}

/**
 * Parses the JQL subset the fake runs: clauses joined with AND, OR, NOT and parentheses; the
 * operators `= != > >= < <= ~ !~ IN, NOT IN, IS [NOT] EMPTY|NULL`; values quoted, unquoted or a
 * function call (`currentUser()`, `now()`); and `ORDER BY field [ASC|DESC], …`.
 */
export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).query();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: JqlToken[]) {}

  query(): JqlQuery {
    const where = this.atKeyword('order') || this.done() ? null : this.or();
    const orderBy: JqlSort[] = [];
    if (this.atKeyword('order')) {
      this.i++;
      this.expectKeyword('by');
      do {
        const field = this.expectWord('a field name after ORDER BY');
        const direction = this.atKeyword('asc') || this.atKeyword('desc') ? (this.next().value.toLowerCase() as 'asc' | 'desc') : 'asc';
        orderBy.push({ field: field.toLowerCase(), direction });
      } while (this.eat('comma'));
    }
    if (!this.done()) this.fail(`Expecting either 'OR' or 'AND' but got '${this.peek()!.value}'.`);
    return { where, orderBy };
  }

  private or(): JqlNode {
    const children = [this.and()];
    while (this.atKeyword('or')) {
      this.i++;
      children.push(this.and());
    }
    return children.length === 1 ? children[0] : { type: 'or', children };
  }

  private and(): JqlNode {
    const children = [this.not()];
    while (this.atKeyword('and')) {
      this.i++;
      children.push(this.not());
    }
    return children.length === 1 ? children[0] : { type: 'and', children };
  }

  private not(): JqlNode {
    if (this.atKeyword('not')) {
      this.i++;
      return { type: 'not', child: this.not() };
    }
    if (this.eat('lparen')) {
      const inner = this.or();
      if (!this.eat('rparen')) this.fail("Expecting ')' before the end of the query.");
      return inner;
    }
    return this.clause();
  }

  private clause(): JqlNode {
    // Case is kept: property paths (`issue.property[key].camelCase`) are case-sensitive; field names are not.
    const field = this.expectWord('a field name');
    const token = this.peek();
    if (token?.kind === 'op') {
      this.i++;
      return { type: 'clause', field, operator: token.value as ClauseOperator, values: [this.value()] };
    }
    if (this.atKeyword('in') || this.atKeyword('not')) {
      const negated = this.next().value.toLowerCase() === 'not';
      if (negated) this.expectKeyword('in');
      if (!this.eat('lparen')) this.fail("Expecting '(' after IN.");
      const values = [this.value()];
      while (this.eat('comma')) values.push(this.value());
      if (!this.eat('rparen')) this.fail("Expecting ')' to close the IN list.");
      return { type: 'clause', field, operator: negated ? 'not in' : 'in', values };
    }
    if (this.atKeyword('is')) {
      this.i++;
      const negated = this.atKeyword('not');
      if (negated) this.i++;
      if (!this.atKeyword('empty') && !this.atKeyword('null')) this.fail('Expecting EMPTY or NULL after IS.');
      this.i++;
      return { type: 'clause', field, operator: negated ? 'is not' : 'is', values: [{ kind: 'empty' }] };
    }
    return this.fail(`Expecting operator but got '${token?.value ?? 'the end of the query'}'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`);
  }

  private value(): JqlValue {
    const token = this.next();
    if (token?.kind === 'string') return { kind: 'literal', text: token.value };
    if (token?.kind !== 'word') return this.fail(`Expecting a value but got '${token?.value ?? 'the end of the query'}'.`);
    if (['empty', 'null'].includes(token.value.toLowerCase())) return { kind: 'empty' };
    if (this.eat('lparen')) {
      const args: string[] = [];
      if (!this.eat('rparen')) {
        do args.push(this.next()?.value ?? '');
        while (this.eat('comma'));
        if (!this.eat('rparen')) this.fail(`Expecting ')' after the arguments of ${token.value}.`);
      }
      return { kind: 'function', name: token.value.toLowerCase(), args };
    }
    return { kind: 'literal', text: token.value };
  }

  private peek(): JqlToken | undefined {
    return this.tokens[this.i];
  }

  private next(): JqlToken {
    return this.tokens[this.i++];
  }

  private done(): boolean {
    return this.i >= this.tokens.length;
  }

  private eat(kind: JqlToken['kind']): boolean {
    if (this.peek()?.kind !== kind) return false;
    this.i++;
    return true;
  }

  private atKeyword(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.value.toLowerCase() === word;
  }

  private expectKeyword(word: string): void {
    if (!this.atKeyword(word)) this.fail(`Expecting '${word.toUpperCase()}' but got '${this.peek()?.value ?? 'the end of the query'}'.`);
    this.i++;
  }

  private expectWord(what: string): string {
    const token = this.next();
    if (token?.kind !== 'word' && token?.kind !== 'string') return this.fail(`Expecting ${what} but got '${token?.value ?? 'the end of the query'}'.`);
    return token.value;
  }

  private fail(message: string): never {
    throw new JqlError(`Error in the JQL Query: ${message}`);
  }
}
