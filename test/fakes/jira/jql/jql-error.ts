/** A JQL query the fake cannot run; its message is what Jira puts in `errorMessages`. */
export class JqlError extends Error {}
