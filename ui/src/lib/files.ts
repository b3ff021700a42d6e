/** The largest photo a form takes ('fault.photoTooLarge' tells the user so). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** A picked file as a data: URL, the form photos and face images travel in. */
export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
