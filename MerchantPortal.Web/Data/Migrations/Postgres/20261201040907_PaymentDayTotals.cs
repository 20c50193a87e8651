using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaymentDayTotals : Migration
    {
        /// <summary>
        /// The totals of the payments already made, in the migration's own transaction so none is counted twice or
        /// missed: every later move adds to these rows. The Nairobi day is the UTC instant plus three hours.
        /// </summary>
        public const string Backfill = """
            INSERT INTO "PaymentDayTotals" ("MerchantId", "Day", "Status", "Count", "Amount")
            SELECT "MerchantId", ("CreatedAt" AT TIME ZONE 'UTC' + interval '3 hours')::date, "Status", count(*), sum("Amount")
            FROM "Transactions" WHERE "Status" <> 'pending'
            GROUP BY 1, 2, 3
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaymentDayTotals",
                columns: table => new
                {
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentDayTotals", x => new { x.MerchantId, x.Day, x.Status });
                });

            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentDayTotals");
        }
    }
}
