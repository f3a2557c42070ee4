/**
 * Bad input to a command (guard, report): a missing file, a file that is not a template, a path
 * that leaves the cloud assembly. The message is one line naming the file and the problem, and
 * never quotes the content of a file.
 */
export class TemplateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateInputError';
  }
}
