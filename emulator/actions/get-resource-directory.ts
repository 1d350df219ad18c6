/** Resource Manager 2020-03-31 GetResourceDirectory. */
import type { ActionHandler } from "./types";

export const getResourceDirectory: ActionHandler = (ctx) => {
  const d = ctx.directory;
  return {
    ResourceDirectory: {
      ResourceDirectoryId: d.resourceDirectoryId,
      RootFolderId: d.rootFolderId,
      // The reference: the field is MasterAccountId; there is no ManagementAccountId.
      MasterAccountId: d.masterAccountId,
      MasterAccountName: d.masterAccountName,
      CreateTime: d.createTime,
    },
  };
};
