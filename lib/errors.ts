/** Errors a command may raise; the operation wrapper maps them to results and HTTP statuses. */
export class NotFoundError extends Error {
  constructor(what = "not found") {
    super(what);
  }
}

export class ForbiddenError extends Error {
  constructor(what = "forbidden") {
    super(what);
  }
}

/** A stale edit: the row changed since the version the user started from. */
export class ConflictError extends Error {
  constructor(public readonly current: unknown) {
    super("conflict");
  }
}

/** A rule of the domain broken by otherwise well-formed input, reported against one field. */
export class FieldError extends Error {
  constructor(
    public readonly field: string,
    public readonly key: string,
  ) {
    super(`${field}: ${key}`);
  }
}

/** Several fields broken at once (a period's start and end), each with the key of its message. */
export class FieldErrors extends Error {
  constructor(public readonly keys: Record<string, string>) {
    super(Object.entries(keys).map(([f, k]) => `${f}: ${k}`).join(", "));
  }
}

/** Input refused by a schema inside a command (a partial update merged onto what is stored), with its messages. */
export class InvalidFields extends Error {
  constructor(public readonly fieldErrors: Record<string, string[]>) {
    super(Object.keys(fieldErrors).join(", "));
  }
}
