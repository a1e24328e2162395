// Remembers how the person at this browser wants Portal shown (theme, time zone) in first-party cookies, which the
// server reads when it first renders a page, so a reload looks the same without a flash of the wrong theme.
const year = 60 * 60 * 24 * 365;
const secure = location.protocol === 'https:' ? '; secure' : '';

export function remember(name, value) {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${year}; samesite=lax${secure}`;
}

export function forget(name) {
    document.cookie = `${name}=; path=/; max-age=0; samesite=lax${secure}`;
}

export function browserTimeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}

export function focusMain() {
    const main = document.getElementById('main-content');
    if (main) {
        main.focus();
        main.scrollIntoView();
    }
}
