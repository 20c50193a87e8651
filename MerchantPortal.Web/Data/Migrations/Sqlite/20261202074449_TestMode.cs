using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TestMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_MerchantId_Id",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_Id",
                table: "Transactions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals");

            migrationBuilder.AddColumn<bool>(
                name: "Livemode",
                table: "WebhookEndpoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Livemode",
                table: "WebhookDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Livemode",
                table: "Transactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Livemode",
                table: "PaymentDayTotals",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Livemode",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals",
                columns: new[] { "MerchantId", "Livemode", "Day", "Status", "Slot" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_MerchantId_Livemode_Id",
                table: "WebhookDeliveries",
                columns: new[] { "MerchantId", "Livemode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_Livemode_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "Livemode", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Before modes every row is live: test data goes, and test keys with it (kept, they would become live keys).
            migrationBuilder.Sql("DELETE FROM \"ApiKeys\" WHERE NOT \"Livemode\"");
            migrationBuilder.Sql("DELETE FROM \"PaymentDayTotals\" WHERE NOT \"Livemode\"");
            migrationBuilder.Sql("DELETE FROM \"WebhookDeliveries\" WHERE NOT \"Livemode\"");
            migrationBuilder.Sql("DELETE FROM \"WebhookEndpoints\" WHERE NOT \"Livemode\"");
            migrationBuilder.Sql("DELETE FROM \"TransactionEvents\" WHERE \"TransactionId\" IN (SELECT \"Id\" FROM \"Transactions\" WHERE NOT \"Livemode\")");
            migrationBuilder.Sql("DELETE FROM \"Transactions\" WHERE NOT \"Livemode\"");
            migrationBuilder.Sql("DELETE FROM \"ApiRequestLogs\" WHERE NOT \"Livemode\"");
            migrationBuilder.Sql("DELETE FROM \"IdempotencyRecords\" WHERE \"Scope\" LIKE 'test:%'");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_MerchantId_Livemode_Id",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_Livemode_Id",
                table: "Transactions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals");

            migrationBuilder.DropColumn(
                name: "Livemode",
                table: "WebhookEndpoints");

            migrationBuilder.DropColumn(
                name: "Livemode",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "Livemode",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "Livemode",
                table: "PaymentDayTotals");

            migrationBuilder.DropColumn(
                name: "Livemode",
                table: "ApiKeys");

            migrationBuilder.AddPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals",
                columns: new[] { "MerchantId", "Day", "Status", "Slot" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_MerchantId_Id",
                table: "WebhookDeliveries",
                columns: new[] { "MerchantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "Id" });
        }
    }
}
