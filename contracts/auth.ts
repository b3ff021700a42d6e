import { z } from 'zod';

export const signInRequest = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
export type SignInRequest = z.input<typeof signInRequest>;

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  ownerId: z.string().nullable(),
  vendorId: z.string().nullable(),
});
export type User = z.infer<typeof userView>;

/** The answer of sign-in and of "who am I". */
export const signedInUser = z.object({ user: userView });
export type SignedInUser = z.infer<typeof signedInUser>;
