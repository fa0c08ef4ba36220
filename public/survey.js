// The survey page without round trips: "Next" and "Back" switch screens in the page, the focus
// moves to the new screen's heading, and "Send" works once. Without this script the same buttons
// post the form and the server renders the next screen (docs/pages.md).
(function () {
  'use strict';
  var form = document.querySelector('form[data-survey]');
  if (!form) return;
  var groups = Array.prototype.slice.call(form.querySelectorAll('section[data-group]'));
  var sent = false;

  function show(index) {
    groups.forEach(function (group, i) { group.hidden = i !== index; });
    var heading = groups[index].querySelector('h2');
    if (heading) heading.focus();
    window.scrollTo(0, 0);
  }

  form.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-nav]');
    if (!button) return;
    event.preventDefault();
    show(Number(button.value));
  });

  form.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    // Enter in a field submits with the form's first button; stay on this screen instead.
    if (submitter && submitter.hasAttribute('data-nav')) {
      event.preventDefault();
      return;
    }
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    if (submitter) submitter.setAttribute('aria-disabled', 'true');
  });
})();
