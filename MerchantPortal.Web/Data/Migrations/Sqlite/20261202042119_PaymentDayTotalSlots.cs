using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentDayTotalSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals");

            migrationBuilder.AddColumn<short>(
                name: "Slot",
                table: "PaymentDayTotals",
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals",
                columns: new[] { "MerchantId", "Day", "Status", "Slot" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Each day and state folded back into one row before the slot goes.
            migrationBuilder.Sql("""
                INSERT INTO "PaymentDayTotals" ("MerchantId", "Day", "Status", "Slot", "Count", "Amount")
                SELECT "MerchantId", "Day", "Status", 0, sum("Count"), sum("Amount") FROM "PaymentDayTotals" WHERE "Slot" <> 0
                GROUP BY "MerchantId", "Day", "Status"
                ON CONFLICT ("MerchantId", "Day", "Status", "Slot") DO UPDATE
                SET "Count" = "PaymentDayTotals"."Count" + excluded."Count", "Amount" = "PaymentDayTotals"."Amount" + excluded."Amount";
                DELETE FROM "PaymentDayTotals" WHERE "Slot" <> 0;
                """);

            migrationBuilder.DropPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals");

            migrationBuilder.DropColumn(
                name: "Slot",
                table: "PaymentDayTotals");

            migrationBuilder.AddPrimaryKey(
                name: "PK_PaymentDayTotals",
                table: "PaymentDayTotals",
                columns: new[] { "MerchantId", "Day", "Status" });
        }
    }
}
