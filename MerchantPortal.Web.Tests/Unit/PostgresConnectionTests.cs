using MerchantPortal.Web.Hosting;
using Npgsql;

namespace MerchantPortal.Web.Tests.Unit;

public class PostgresConnectionTests
{
    [Fact]
    public void AConnectionStringThatNamesNeitherGetsNoResetAndAutomaticPreparation()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnection.WithPoolDefaults("Host=db;Database=portal;Username=portal;Password=not-a-secret"));

        Assert.True(built.NoResetOnClose);
        Assert.Equal(PostgresConnection.MaxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(("db", "portal", "portal", "not-a-secret"), (built.Host, built.Database, built.Username, built.Password));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0")]
    public void AnOperatorsOwnValuesAreKept(string connectionString)
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresConnection.WithPoolDefaults(connectionString));

        Assert.False(built.NoResetOnClose);
        Assert.Equal(0, built.MaxAutoPrepare);
    }
}
