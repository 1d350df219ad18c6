// The examples' member stand-in. The engine test puts a copy of the file itself here in the project it makes.
export * from "../../../../examples/account-vending/resourceAccount";
