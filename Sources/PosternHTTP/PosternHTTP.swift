// PosternHTTP: filled in by its issue; see ../shared/DESIGN.md "Modules".
