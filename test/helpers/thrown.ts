/** What `fn` throws; fails the test if it returns. */
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}
