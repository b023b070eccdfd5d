/**
 * Folds the site's navigation behind a "Menu" button on narrow screens (the stylesheet shows the
 * button only there). Without scripts the navigation stays a plain list.
 */
function init(): void {
  const nav = document.querySelector<HTMLElement>('.site-header nav');
  const list = nav?.querySelector('ul');
  if (!nav || !list) return;
  list.id ||= 'site-nav-list';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'nav-toggle';
  button.textContent = 'Menu';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', list.id);
  nav.classList.add('collapsible');
  nav.dataset['open'] = 'false';
  nav.insertBefore(button, list);
  button.addEventListener('click', () => {
    const open = nav.dataset['open'] !== 'true';
    nav.dataset['open'] = String(open);
    button.setAttribute('aria-expanded', String(open));
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
