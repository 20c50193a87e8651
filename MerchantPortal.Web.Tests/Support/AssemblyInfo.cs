using MerchantPortal.Web.Tests.Support;

[assembly: AssemblyFixture(typeof(PostgresServerCleanup))]
