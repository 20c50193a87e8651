using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TransactionIdempotencyClaim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "IdempotencyRecordId",
                table: "Transactions",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_IdempotencyRecordId",
                table: "Transactions",
                column: "IdempotencyRecordId",
                filter: "\"IdempotencyRecordId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_IdempotencyRecordId",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "IdempotencyRecordId",
                table: "Transactions");
        }
    }
}
