# syntax=docker/dockerfile:1
# MerchantPortal.Web container image.
#
#   docker build -t merchantportal .
#   docker run -p 8080:8080 \
#     -e ConnectionStrings__Default='Host=db;Port=5432;Username=portal;Password=...;Database=portal' \
#     merchantportal
#
# Configuration comes from the environment (ASP.NET Core: section:key -> Section__Key):
#   ConnectionStrings__Default  REQUIRED: the Npgsql connection string; the app refuses to start
#                               without it while Database__Provider=Postgres. Migrations run at start-up.
#   Database__Provider          Postgres here (the app's own default is Sqlite, which would write to
#                               App_Data inside the container and be lost with it).
#   Mpesa__Mode                 Simulator by default; the live Daraja settings are Mpesa__BaseUrl,
#                               Mpesa__ConsumerKey, Mpesa__ConsumerSecret, Mpesa__ShortCode, Mpesa__Passkey.
#   App__PublicBaseUrl          the public https URL (callback and pay-link URLs are built from it).
#   DataProtection__Certificate__Path, DataProtection__Certificate__Password
#                               REQUIRED outside Simulator mode: a PFX file (mount it from a secret) the key
#                               ring is encrypted to before it is stored in the database (see the README).
#   AllowedHosts                the host names to answer to (e.g. pay.example.co.ke); * by default.
#   Webhooks__AllowPrivateNetworks  webhooks to private/loopback addresses: allowed only in Simulator mode
#                               unless set (an SSRF guard; see the README).
#   RateLimits__*               see appsettings.json.
# The Data Protection key ring (sign-in cookies) is kept in the database (encrypted to that certificate), so
# sessions survive a redeploy.
# No HEALTHCHECK: the aspnet image has no curl/wget. Probe GET /healthz/ready (or /healthz/live) from the orchestrator instead
# (200 when the database answers, 503 when it does not).

# ---------------------------------------------------------------- build
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Restore first, from the project and build-settings files only, so that the package layer is
# reused until a package reference or version changes. It restores for publishing (the project publishes
# ReadyToRun for this platform), so the compiler and runtime packs land in that layer too.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY MerchantPortal.Web/MerchantPortal.Web.csproj MerchantPortal.Web/
RUN dotnet restore MerchantPortal.Web/MerchantPortal.Web.csproj -p:_IsPublishing=true

COPY MerchantPortal.Web/ MerchantPortal.Web/
RUN dotnet publish MerchantPortal.Web/MerchantPortal.Web.csproj -c Release --no-restore \
      -o /app /p:UseAppHost=false

# ---------------------------------------------------------------- runtime
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The app's own default (localhost:5080) applies only when no address is configured.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Database__Provider=Postgres
# ConnectionStrings__Default: expected from the environment (docker run -e / secrets); not baked in.
EXPOSE 8080

# The .NET 8+ images ship a non-root "app" user (uid $APP_UID = 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "MerchantPortal.Web.dll"]
