/** Inline SVG icons and the Tandem mark: no icon font, no extra requests. */
export function LogoMark() {
  return (
    <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="12" cy="16" r="9" fill="#4f46e5" />
      <circle cx="20" cy="16" r="9" fill="#d9480f" fillOpacity="0.85" />
      <path d="M16 8.6a9 9 0 0 1 0 14.8 9 9 0 0 1 0-14.8z" fill="#17161a" />
    </svg>
  );
}

export function GoogleIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path fill="#4285F4" d="M22.5 12.3c0-.8-.1-1.5-.2-2.2H12v4.2h5.9a5 5 0 0 1-2.2 3.3v2.7h3.5c2.1-1.9 3.3-4.7 3.3-8z" />
      <path fill="#34A853" d="M12 23c3 0 5.5-1 7.3-2.7l-3.5-2.7c-1 .7-2.3 1-3.8 1-2.9 0-5.4-2-6.3-4.6H2v2.8A11 11 0 0 0 12 23z" />
      <path fill="#FBBC05" d="M5.7 14a6.6 6.6 0 0 1 0-4.2V7H2a11 11 0 0 0 0 9.9z" />
      <path fill="#EA4335" d="M12 5.4c1.6 0 3.1.6 4.2 1.7l3.1-3.1A11 11 0 0 0 2 7l3.7 2.8C6.6 7.3 9.1 5.4 12 5.4z" />
    </svg>
  );
}

export function LinkedInIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <rect width="24" height="24" rx="4" fill="#0A66C2" />
      <path fill="#fff" d="M7.1 9.5H4.6V19h2.5zM5.9 5a1.4 1.4 0 1 0 0 2.9 1.4 1.4 0 0 0 0-2.9zM19.4 13.7c0-2.6-1.4-4.4-3.8-4.4-1.2 0-2 .6-2.4 1.2V9.5h-2.4V19h2.5v-5c0-1.3.5-2.2 1.7-2.2s1.6.9 1.6 2.2v5h2.5z" />
    </svg>
  );
}

export function YouTubeIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1" y="4.5" width="22" height="15" rx="4.5" fill="#FF0000" />
      <path fill="#fff" d="M10 9v6l5.2-3z" />
    </svg>
  );
}

export function TikTokIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <rect width="24" height="24" rx="5" fill="#111" />
      <path fill="#25F4EE" d="M10.2 10.6v-.8a5 5 0 1 0 4.3 5V9.9a6.5 6.5 0 0 0 3.8 1.2V8.8a3.8 3.8 0 0 1-3.8-3.8h-2.2v9.8a2.3 2.3 0 1 1-2.1-2.3z" transform="translate(-.6 -.4)" />
      <path fill="#FE2C55" d="M10.2 10.6v-.8a5 5 0 1 0 4.3 5V9.9a6.5 6.5 0 0 0 3.8 1.2V8.8a3.8 3.8 0 0 1-3.8-3.8h-2.2v9.8a2.3 2.3 0 1 1-2.1-2.3z" transform="translate(.6 .4)" />
      <path fill="#fff" d="M10.2 10.6v-.8a5 5 0 1 0 4.3 5V9.9a6.5 6.5 0 0 0 3.8 1.2V8.8a3.8 3.8 0 0 1-3.8-3.8h-2.2v9.8a2.3 2.3 0 1 1-2.1-2.3z" />
    </svg>
  );
}
