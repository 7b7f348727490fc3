/** An error as Node's file functions make it, for a simulated failure of `syscall` on `file`. */
export function sysError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${syscall} '${file}'`), { code, syscall, path: file });
}
