import { createContext, useContext } from "react";

// The Content-Security-Policy nonce, known on the server only (the browser hides it from scripts).
const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;
export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
