// The API reference page (/docs/api): Scalar renders /openapi/v1.json. Nothing is fetched from elsewhere: no web
// fonts, no proxy for "try it" (requests go straight to this portal), no telemetry.
(function () {
    var app = document.getElementById('app');
    if (!app || !window.Scalar || !window.Scalar.createApiReference) {
        return;
    }

    window.Scalar.createApiReference('#app', {
        url: app.getAttribute('data-document'),
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        showDeveloperTools: 'never',
        agent: { disabled: true },
        mcp: { disabled: true },
        documentDownloadType: 'json',
    });
})();
