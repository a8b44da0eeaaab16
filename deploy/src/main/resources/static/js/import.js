// While a large file is checked or imported, say so; the form works the same without this script.
document.querySelectorAll('form[data-app-progress]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    var status = document.getElementById('import-progress');
    var file = form.querySelector('input[type=file]');
    var size = file && file.files && file.files[0] ? Math.round(file.files[0].size / 1024) : 0;
    var dry = event.submitter && event.submitter.value !== 'import';
    status.textContent = (dry ? 'Checking ' : 'Importing ') + size + ' KB; every row is checked first. This can take a minute for a large file.';
  });
});
