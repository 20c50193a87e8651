using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_Status_CreatedAt",
                table: "Transactions");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextCheckAt",
                table: "Transactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QueryCount",
                table: "Transactions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_Status_NextCheckAt",
                table: "Transactions",
                columns: new[] { "Status", "NextCheckAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_Status_NextCheckAt",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "NextCheckAt",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "QueryCount",
                table: "Transactions");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_Status_CreatedAt",
                table: "Transactions",
                columns: new[] { "Status", "CreatedAt" });
        }
    }
}
