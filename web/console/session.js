// The token a person signed in with. sessionStorage only: it leaves with the tab, is never a
// cookie, and travels only in the Authorization header (api.js).
const KEY = "flagport.token";

export const session = {
  token: () => sessionStorage.getItem(KEY),
  signIn: (token) => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
};
