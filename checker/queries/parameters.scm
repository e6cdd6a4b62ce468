; Parameters whose type is a struct the spec describes (`struct vm_area_struct *vma`): the
; checker takes the variable's object type from @struct and its name from @declarator.
(parameter_declaration
  type: (struct_specifier name: (type_identifier) @struct)
  declarator: (_) @declarator)
