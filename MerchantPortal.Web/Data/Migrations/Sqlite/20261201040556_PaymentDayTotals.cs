using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentDayTotals : Migration
    {
        /// <summary>
        /// The totals of the payments already made, in the migration's own transaction so none is counted twice or
        /// missed: every later move adds to these rows. "CreatedAt" is EF Core's DateTimeOffsetToBinaryConverter
        /// long: the clock's ticks / 1000 shifted left 11 bits, the offset in minutes in those 11 bits. The Nairobi day
        /// is the UTC instant in unix seconds plus three hours.
        /// </summary>
        public const string Backfill = """
            INSERT INTO "PaymentDayTotals" ("MerchantId", "Day", "Status", "Count", "Amount")
            SELECT "MerchantId",
                date((("CreatedAt" >> 11) * 1000 - (("CreatedAt" << 53) >> 53) * 600000000 - 621355968000000000) / 10000000 + 10800, 'unixepoch'),
                "Status", count(*), sum("Amount")
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
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
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
